#!/usr/bin/env node
import { main } from "../dist/main.js";
import { processIo } from "../dist/io/io.js";

process.exitCode = await main(process.argv.slice(2), processIo());
