/**
 * The floor: the least any library must do. One CreateParticipantConnection, a bare WebSocket, `aws/subscribe`,
 * then for each frame a parse of the frame and of its `content` JSON, and a count. No heartbeats, no state.
 */
import { installBenchPage } from './bench-page';

installBenchPage('floor', (endpoint, chat, hooks) => ({
  async connect() {
    const response = await fetch(`${endpoint}/participant/connection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-amz-bearer': chat.ParticipantToken },
      body: JSON.stringify({ Type: ['WEBSOCKET', 'CONNECTION_CREDENTIALS'] }),
    });
    if (!response.ok) throw new Error(`CreateParticipantConnection answered ${response.status}`);
    const { Websocket } = (await response.json()) as { Websocket?: { Url?: string } };
    if (!Websocket?.Url) throw new Error('CreateParticipantConnection returned no socket URL');
    const socket = new WebSocket(Websocket.Url);
    socket.onopen = () =>
      socket.send(JSON.stringify({ topic: 'aws/subscribe', content: { topics: ['aws/chat'] } }));
    socket.onmessage = (event: MessageEvent<string>) => {
      const frame = JSON.parse(event.data) as { topic?: string; content?: string };
      if (frame.topic === 'aws/subscribe') hooks.connected();
      else if (frame.topic === 'aws/chat' && frame.content) hooks.message(JSON.parse(frame.content));
    };
  },
}));
