import { runServiceProcess } from '@tandem/platform';
import { schedulingService } from './index';

await runServiceProcess(schedulingService, 8083);
