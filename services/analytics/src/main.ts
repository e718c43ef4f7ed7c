import { runServiceProcess } from '@tandem/platform';
import { analyticsService } from './index';

await runServiceProcess(analyticsService, 8085);
