/**
 * `connect.csmService`: ChatJS's client-side metrics. Compat sends no metrics anywhere (fix 8); the object exists,
 * inert, so code that touches it keeps working.
 */
import type { InertCsmService } from './legacy.types';

const nothing = (): void => undefined;

/** Creates the inert metrics object; `widgetType` follows `csmConfig.widgetType`. */
export function createInertCsmService(widgetType: () => string): InertCsmService {
  return {
    get widgetType() {
      return widgetType();
    },
    csmInitialized: false,
    loadCsmScriptAndExecute: nothing,
    initializeCSM: nothing,
    updateCsmConfig: nothing,
    addMetric: nothing,
    addLatencyMetric: nothing,
    addLatencyMetricWithStartTime: nothing,
    addCountAndErrorMetric: nothing,
    addCountMetric: nothing,
    addAgentCountMetric: nothing,
  };
}
