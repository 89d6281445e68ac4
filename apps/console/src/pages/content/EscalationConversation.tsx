import { useState, type FormEvent } from 'react';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../__generated__';
import { Value } from '../../components/Masked';
import { ErrorNotice, QueryState } from '../../components/QueryState';
import { formatDateTime, humanise } from '../../domain/format';

const ConversationDoc = graphql(`
  query EscalatedConversation($id: ID!) {
    conversation(id: $id) {
      id
      channel
      status
      turns {
        messageId
        author
        text
        at
        agentId
      }
    }
  }
`);
const ReplyAsAgent = graphql(`
  mutation ReplyAsAgent($conversationId: ID!, $text: String!) {
    replyAsAgent(conversationId: $conversationId, text: $text) {
      messageId
    }
  }
`);

/** The conversation an agent holds: every turn so far, and the agent's reply box. */
export function EscalationConversation({ conversationId, canReply }: { conversationId: string; canReply: boolean }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: ConversationDoc, variables: { id: conversationId } });
  const [text, setText] = useState('');
  const [reply, sendReply] = useMutation(ReplyAsAgent);
  async function submit(e: FormEvent) {
    e.preventDefault();
    if ((await sendReply({ conversationId, text: text.trim() })).data) {
      setText('');
      refetch({ requestPolicy: 'network-only' });
    }
  }
  return (
    <div className="conversation">
      <QueryState data={data} fetching={fetching} error={error} label="the conversation">
        {({ conversation }) =>
          !conversation ? (
            <p className="muted">This conversation is no longer available.</p>
          ) : (
            <ol className="turns" aria-label="Turns">
              {conversation.turns.map((t) => (
                <li key={t.messageId}>
                  <strong>{t.author === 'AGENT' ? `Agent ${t.agentId ?? ''}`.trim() : humanise(t.author)}:</strong> <Value value={t.text} />{' '}
                  <span className="muted">{formatDateTime(t.at)}</span>
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
      {canReply && (
        <form className="inline" onSubmit={(e) => void submit(e)}>
          <label>
            Reply to the customer
            <input value={text} onChange={(e) => setText(e.target.value)} required />
          </label>
          <button type="submit" disabled={reply.fetching}>
            Send reply
          </button>
        </form>
      )}
      {reply.error && <ErrorNotice error={reply.error} title="Reply refused" />}
    </div>
  );
}
