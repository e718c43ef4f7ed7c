import { runServiceProcess } from '@tandem/platform';
import { matchingService } from './index';

await runServiceProcess(matchingService, 8082);
