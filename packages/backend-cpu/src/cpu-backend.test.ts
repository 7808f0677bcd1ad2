import { contiguousView } from '@nabla/backend';
import { runBackendConformance } from '@nabla/backend/testing';
import { cpuBackend } from './cpu-backend.js';

runBackendConformance('cpu', cpuBackend);
