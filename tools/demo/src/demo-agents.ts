/**
 * The demo agents of `pnpm start`: the chat-start backend the examples server calls. Each chat a page starts becomes
 * a contact on the emulator with an AGENT participant, and a demo agent bot joins it on that participant's token,
 * the way a contact flow would route the chat to an agent.
 */

import type { InspectionObserver } from '@connect-chat/core';
import { type ConnectionClock, isChatError } from '@connect-chat/core';
import {
  type AgentBot,
  type AgentBotActivity,
  type AgentBotDelays,
  startAgentBot,
} from '@connect-chat/example-node-bot';
import type { Emulator } from '@connect-chat/transport/testing';
import type { StartChatRequest, StartChatResponse } from './examples-server';

/** Options of {@link createDemoAgents}. */
export interface DemoAgentsOptions {
  /** The emulator the chats live on. */
  emulator: Emulator;
  /** Narration, one line at a time (never a token). */
  print(line: string): void;
  /** The agents' name in the chat. @defaultValue `'Ada'` */
  agentName?: string | undefined;
  /** The agents' pace. @defaultValue the bot's own */
  delays?: Partial<AgentBotDelays> | undefined;
  /** The agents' clock. @defaultValue real time */
  clock?: ConnectionClock | undefined;
  /** An inspector for every agent session (`--inspect`). */
  inspect?: InspectionObserver | undefined;
}

/** The running agents of a demo. */
export interface DemoAgents {
  /** Starts a chat for a customer and puts an agent in it: the `startChat` of the examples server. */
  startChat(request: StartChatRequest): Promise<StartChatResponse>;
  /** The bots still in a chat. */
  readonly active: readonly AgentBot[];
  /** Stops every bot (they leave their chats). Never rejects. */
  stop(): Promise<void>;
}

const maxDisplayNameLength = 256;

function activityLine(activity: AgentBotActivity): string | undefined {
  switch (activity.type) {
    case 'connected':
      return 'joined';
    case 'replied':
      return `answered: "${activity.text}"`;
    case 'attachmentSent':
      return `sent ${activity.name}`;
    case 'failed':
      return `could not ${activity.action}: ${activity.error.code}`;
    case 'ended':
      return 'chat ended';
    default:
      // Greeting, reading and typing are visible in the page; the terminal keeps to the answers.
      return undefined;
  }
}

/** Creates the chat-start backend with its demo agents. */
export function createDemoAgents(options: DemoAgentsOptions): DemoAgents {
  const agentName = options.agentName ?? 'Ada';
  const active = new Set<AgentBot>();
  let stopping = false;

  return {
    async startChat(request) {
      const displayName = typeof request?.displayName === 'string' ? request.displayName.trim() : '';
      if (displayName.length === 0 || displayName.length > maxDisplayNameLength)
        throw new Error(`unable to start chat; displayName must be 1 to ${maxDisplayNameLength} characters`);
      if (stopping) throw new Error('unable to start chat; the demo is shutting down');
      const contact = options.emulator.createContact({ DisplayName: displayName });
      const seat = options.emulator.addParticipant(contact.ContactId, {
        Role: 'AGENT',
        DisplayName: agentName,
      });
      const chat = contact.ContactId.slice(0, 8);
      options.print(`[agent] chat ${chat} started by ${displayName}`);
      try {
        const bot = await startAgentBot({
          chatDetails: {
            contactId: contact.ContactId,
            participantId: seat.ParticipantId,
            participantToken: seat.ParticipantToken,
          },
          endpoint: options.emulator.endpoint,
          displayName: agentName,
          ...(options.delays ? { delays: options.delays } : {}),
          ...(options.clock ? { clock: options.clock } : {}),
          ...(options.inspect ? { inspect: options.inspect } : {}),
          onActivity: (activity) => {
            const line = activityLine(activity);
            if (line) options.print(`[agent] chat ${chat}: ${line}`);
          },
        });
        active.add(bot);
        void bot.finished.then(() => active.delete(bot));
      } catch (error) {
        // The chat itself works without the agent; the customer just has nobody to talk to.
        const reason = isChatError(error) ? error.code : String(error);
        options.print(`[agent] chat ${chat}: the agent could not join (${reason})`);
      }
      return {
        ContactId: contact.ContactId,
        ParticipantId: contact.ParticipantId,
        ParticipantToken: contact.ParticipantToken,
      };
    },
    get active() {
      return [...active];
    },
    async stop() {
      stopping = true;
      await Promise.all([...active].map((bot) => bot.stop()));
      active.clear();
    },
  };
}
