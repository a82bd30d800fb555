#!/usr/bin/env node
// The `nest-kafka-kit` command (npx nest-kafka-kit dlq ...); the code is the compiled library.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
