// The backend half of a customer chat: StartChatContact needs AWS credentials, so it runs on your server (or a
// Lambda), never in the page. It returns ContactId, ParticipantId and ParticipantToken to the browser.
import { createServer } from 'node:http';
import { ConnectClient, StartChatContactCommand } from '@aws-sdk/client-connect';

const connect = new ConnectClient({ region: 'us-west-2' }); // credentials from the server's environment
const instanceId = 'your-instance-id'; // both from the Amazon Connect console
const contactFlowId = 'your-chat-contact-flow-id';

createServer(async (request, response) => {
  if (request.method !== 'POST' || request.url !== '/start-chat') {
    response.writeHead(404).end();
    return;
  }
  const started = await connect.send(
    new StartChatContactCommand({
      InstanceId: instanceId,
      ContactFlowId: contactFlowId,
      ParticipantDetails: { DisplayName: 'Customer' },
      SupportedMessagingContentTypes: ['text/plain', 'text/markdown'],
    }),
  );
  const { ContactId, ParticipantId, ParticipantToken } = started;
  response.writeHead(200, { 'content-type': 'application/json' });
  response.end(JSON.stringify({ ContactId, ParticipantId, ParticipantToken }));
}).listen(3000);
