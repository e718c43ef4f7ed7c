import { runServiceProcess } from '@tandem/platform';
import { surveysService } from './index';

await runServiceProcess(surveysService, 8084);
