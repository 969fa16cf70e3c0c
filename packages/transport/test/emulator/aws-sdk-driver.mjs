// Runs AWS SDK commands against an endpoint in a plain Node process and prints one JSON line of results.
// Vitest starts its workers with `--conditions module`, which makes Node load the SDK's ESM build (extensionless
// imports, so it fails); this process has no such flags, so the SDK loads as its users load it.
//
// Usage: node aws-sdk-driver.mjs '<json>' where json = { endpoint, maxAttempts?, steps: [{ service, command, input }] }.
// An input value `{ "$from": [stepIndex, "Dotted.Path"] }` is replaced by that field of an earlier step's output.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const plan = JSON.parse(process.argv[2] ?? '{}');
const services = {
  connect: { sdk: require('@aws-sdk/client-connect'), client: 'ConnectClient' },
  participant: { sdk: require('@aws-sdk/client-connectparticipant'), client: 'ConnectParticipantClient' },
};
const outputs = [];

function resolve(value) {
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === 'object') {
    if (Array.isArray(value.$from)) {
      const [index, path] = value.$from;
      return path.split('.').reduce((current, key) => current?.[key], outputs[index]?.output);
    }
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, resolve(inner)]));
  }
  return value;
}

for (const step of plan.steps) {
  const { sdk, client: clientName } = services[step.service];
  const client = new sdk[clientName]({
    region: 'us-west-2',
    endpoint: plan.endpoint,
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    maxAttempts: step.maxAttempts ?? plan.maxAttempts ?? 1,
  });
  try {
    const output = await client.send(new sdk[step.command](resolve(step.input)));
    outputs.push({ ok: true, output });
  } catch (error) {
    outputs.push({
      ok: false,
      error: {
        name: error.name,
        message: error.message,
        status: error.$metadata?.httpStatusCode,
        attempts: error.$metadata?.attempts,
      },
    });
  }
}
process.stdout.write(`${JSON.stringify(outputs)}\n`);
