#!/usr/bin/env node
import { run } from "../dist/rml-assess.js";

process.exitCode = await run();
