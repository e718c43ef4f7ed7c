import { runServiceProcess } from '@tandem/platform';
import { gatewayService } from './index';

await runServiceProcess(gatewayService, 8080);
