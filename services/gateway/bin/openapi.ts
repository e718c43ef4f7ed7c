import { writeFileSync } from 'node:fs';
import { openApiDocument } from '@tandem/contracts';

/** Writes the OpenAPI document to the file named (for `pnpm lint:openapi`), or prints it. */
const text = `${JSON.stringify(openApiDocument(), null, 2)}\n`;
const file = process.argv[2];
if (file) writeFileSync(file, text);
else process.stdout.write(text);
