import { Modal } from '@mantine/core';

/** A form as it prints, for a sample patient, in a sandboxed frame (no script, nothing fetched). */
export function FormPreviewModal({ html, title, frameTitle, onClose }: { html: string | null; title: string; frameTitle: string; onClose(): void }) {
  return (
    <Modal opened={html !== null} onClose={onClose} title={title} size="xl">
      {html && <iframe title={frameTitle} sandbox="" srcDoc={html} style={{ width: '100%', height: '70vh', border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4, background: '#fff' }} />}
    </Modal>
  );
}
