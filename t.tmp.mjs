import pino from 'pino';
import { performance } from 'node:perf_hooks';
import { createJobWorker } from './dist/jobs/engine.js';
