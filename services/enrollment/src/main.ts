import { runServiceProcess } from '@tandem/platform';
import { enrollmentService } from './index';

await runServiceProcess(enrollmentService, 8081);
