// Input of answering a message request.
import { z } from "zod";

export const answerMessageRequestSchema = z.object({
  answer: z.enum(["accept", "decline"], { error: 'must be "accept" or "decline"' }),
});
export type AnswerMessageRequestInput = z.input<typeof answerMessageRequestSchema>;
