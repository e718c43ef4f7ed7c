import { parseInput } from '@tandem/platform';
import { z } from 'zod';

const idParams = z.object({ id: z.uuid() });
export const parseId = (params: unknown) => parseInput(idParams, params, 'params').id;
