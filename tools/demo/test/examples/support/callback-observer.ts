/**
 * Observes the `on*` handlers an unchanged ChatJS page registers, without touching the page: an init script sets
 * `window.connect` up so that when compat installs `connect.ChatSession`, `create` hands back sessions whose `on*`
 * methods wrap the page's handlers. Each call of a page handler is recorded (its callback name and the item's id,
 * type and role; never a token) and then passed on unchanged.
 */
import type { Page } from 'playwright-core';
import { vi } from 'vitest';
import { waitTimeoutMs } from './examples-fixture';

/** One call of a handler the page registered. */
export interface ObservedCall {
  name: string;
  id: string | undefined;
  contentType: string | undefined;
  role: string | undefined;
}

interface ObserverGlobal {
  __observedCalls: ObservedCall[];
}

/** Installs the observer; call it before the page loads. */
export async function observePageCallbacks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const calls: ObservedCall[] = [];
    Object.defineProperty(globalThis, '__observedCalls', { value: calls });
    const observe = (session: Record<string, unknown>) => {
      const prototype = Object.getPrototypeOf(session) as object | null;
      const names = new Set([
        ...Object.getOwnPropertyNames(session),
        ...Object.getOwnPropertyNames(prototype ?? {}),
      ]);
      for (const name of names) {
        const subscribe = session[name];
        if (!/^on[A-Z]/.test(name) || typeof subscribe !== 'function') continue;
        session[name] = (handler: unknown, ...rest: unknown[]) => {
          if (typeof handler !== 'function') return subscribe.call(session, handler, ...rest);
          return subscribe.call(
            session,
            (
              event: { data?: { Id?: string; ContentType?: string; ParticipantRole?: string } },
              ...args: unknown[]
            ) => {
              calls.push({
                name,
                id: event?.data?.Id,
                contentType: event?.data?.ContentType,
                role: event?.data?.ParticipantRole,
              });
              return handler(event, ...args);
            },
            ...rest,
          );
        };
      }
      return session;
    };
    let chatSession: unknown;
    const connect: Record<string, unknown> = {};
    Object.defineProperty(connect, 'ChatSession', {
      configurable: true,
      enumerable: true,
      get: () => chatSession,
      set(api: Record<string, unknown>) {
        chatSession = new Proxy(api, {
          get(target, key, receiver) {
            const value = Reflect.get(target, key, receiver);
            if (key !== 'create' || typeof value !== 'function') return value;
            return (...args: unknown[]) => observe(value.apply(target, args) as Record<string, unknown>);
          },
        });
      },
    });
    Object.defineProperty(globalThis, 'connect', { value: connect, writable: true, configurable: true });
  });
}

/** Every page-handler call so far. */
export function observedCalls(page: Page): Promise<ObservedCall[]> {
  return page.evaluate(() => [...(globalThis as unknown as ObserverGlobal).__observedCalls]);
}

/** Waits until a page handler call matching `match` was recorded, and returns it. */
export async function waitForCall(
  page: Page,
  what: string,
  match: (call: ObservedCall) => boolean,
): Promise<ObservedCall> {
  let found: ObservedCall | undefined;
  await vi.waitFor(
    async () => {
      found = (await observedCalls(page)).find(match);
      if (!found) throw new Error(`the page's ${what} handler has not been called`);
    },
    { timeout: waitTimeoutMs, interval: 25 },
  );
  return found as ObservedCall;
}
