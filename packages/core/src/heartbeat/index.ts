export { heartbeatMachine } from './heartbeat.machine';
export type {
  DeepHeartbeatFailure,
  HeartbeatContext,
  HeartbeatEvent,
  HeartbeatInput,
  HeartbeatReport,
} from './heartbeat.types';
export { defaultHeartbeatIntervalMs } from './heartbeat.types';
