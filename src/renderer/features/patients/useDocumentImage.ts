import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { useDesk } from '../../app/DeskContext';

/** A stored image as a URL the page can show, revoked when no longer needed. */
export function useDocumentImage(documentId: string): string | null {
  const desk = useDesk();
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!documentId) return;
    let made: string | null = null;
    let live = true;
    desk.documents
      .open(documentId)
      .then(({ document, bytes }) => {
        if (!live) return;
        made = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: document.contentType }));
        setUrl(made);
      })
      .catch((e: unknown) => notifications.show({ color: 'red', title: 'Cannot show the image', message: (e as Error).message }));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
  }, [desk, documentId]);
  return documentId ? url : null;
}
