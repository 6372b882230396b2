// A message's content: its parts (lib/chat/messages/content), each rendered by the component
// registered for its kind. A new kind: one component file + one line in PART_COMPONENTS.
import type { ComponentType } from "react";
import { messageParts, type MessagePartKind } from "@/lib/chat/messages/content";
import type { UiMessage } from "@/lib/client/store";
import { ImagePart } from "./image-part";
import { AttachmentsPart } from "./attachments-part";
import { TextPart } from "./text-part";
import { UploadsPart } from "./uploads-part";
import type { OpenImage, PartProps } from "./types";

const PART_COMPONENTS: { [K in MessagePartKind]: ComponentType<PartProps<K>> } = {
  image: ImagePart,
  attachments: AttachmentsPart,
  text: TextPart,
};

export function MessageContent({
  message,
  mine,
  senderName,
  onOpenImage,
}: {
  message: UiMessage;
  mine: boolean;
  senderName: string;
  onOpenImage: OpenImage;
}) {
  // An optimistic message shows its image from the local preview until the upload is stored.
  const parts = messageParts({ body: message.body, image: message.image ?? message.localImage ?? null, attachments: message.attachments });
  return (
    <>
      {parts.map((part, index) => {
        const Part = PART_COMPONENTS[part.kind] as ComponentType<PartProps>;
        return (
          <Part key={`${part.kind}-${index}`} part={part} message={message} mine={mine} senderName={senderName} onOpenImage={onOpenImage} />
        );
      })}
      {/* Files still uploading: shown until the message goes out with them (lib/client/send.ts). */}
      <UploadsPart message={message} />
    </>
  );
}
