/**
 * "Ada is typing…". The service sends one typing event when someone starts typing and nothing when they stop, so
 * the indicator clears itself a while after the last event, or at once when that person's message arrives.
 */

/** How long an indicator stays up after the last typing event. @defaultValue 12000 */
export const typingIndicatorMs = 12_000;

/** Keeps the indicator line up to date. */
export interface TypingIndicator {
  /** Someone typed. */
  typed(participantId: string, displayName: string): void;
  /** Their message arrived (or they left): stop showing them. */
  stopped(participantId: string): void;
  /** Clears everything (the chat ended). */
  clear(): void;
}

/** The sentence for the people typing, or `''`. */
export function typingSentence(names: readonly string[]): string {
  if (names.length === 0) return '';
  if (names.length === 1) return `${names[0]} is typing…`;
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)} are typing…`;
}

/** Creates the indicator over `line`, which is hidden whenever nobody is typing. */
export function createTypingIndicator(line: HTMLElement, holdMs = typingIndicatorMs): TypingIndicator {
  const typing = new Map<string, { name: string; timer: ReturnType<typeof setTimeout> }>();
  const show = () => {
    const sentence = typingSentence([...typing.values()].map((person) => person.name));
    line.textContent = sentence;
    line.hidden = sentence === '';
  };
  const stopped = (participantId: string) => {
    const person = typing.get(participantId);
    if (!person) return;
    clearTimeout(person.timer);
    typing.delete(participantId);
    show();
  };
  return {
    typed(participantId, name) {
      const previous = typing.get(participantId);
      if (previous) clearTimeout(previous.timer);
      typing.set(participantId, { name, timer: setTimeout(() => stopped(participantId), holdMs) });
      show();
    },
    stopped,
    clear() {
      for (const participantId of [...typing.keys()]) stopped(participantId);
    },
  };
}
