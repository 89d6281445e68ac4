import { templateReply, type ReplyGrounds } from '../domain/conversations/reply-templates';

export interface WrittenReply {
  text: string;
  /** Who wrote it, shown with the answer so no one mistakes a template for a model. */
  provider: string;
}

/**
 * Words a bot answer from its grounds. The template writer is the offline default; a model-backed
 * writer (the content provider in ../providers) plugs in here and may only rephrase the grounds.
 */
export interface ReplyWriter {
  write(grounds: ReplyGrounds): Promise<WrittenReply>;
}

export class TemplateReplyWriter implements ReplyWriter {
  async write(grounds: ReplyGrounds): Promise<WrittenReply> {
    return { text: templateReply(grounds), provider: 'offline-template' };
  }
}
