#!/usr/bin/env node
// Runs the local Amazon Connect Participant Service emulator from the built package.
import '../dist/testing/cli.js';
