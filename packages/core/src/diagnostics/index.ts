export { coreVersion } from './version';
