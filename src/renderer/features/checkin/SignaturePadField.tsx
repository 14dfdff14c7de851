import { Box, Button, Group, Text } from '@mantine/core';
import SignaturePad from 'signature_pad';
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';

export interface SignaturePadHandle {
  /** The signature as a PNG, base64, or null while nothing is drawn. */
  png(): string | null;
  clear(): void;
}

/**
 * A box to sign in with a mouse, a pen or a finger (signature_pad), drawn at the screen's pixel
 * density; `onChange` says whether anything is drawn.
 */
export const SignaturePadField = forwardRef<SignaturePadHandle, { label: string; onChange: (drawn: boolean) => void }>(function SignaturePadField({ label, onChange }, ref) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePad | null>(null);

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = element.offsetHeight * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const signaturePad = new SignaturePad(element, { penColor: '#0b1f4d', minWidth: 0.8, maxWidth: 2.6 });
    const changed = () => onChange(!signaturePad.isEmpty());
    signaturePad.addEventListener('endStroke', changed);
    pad.current = signaturePad;
    return () => {
      signaturePad.removeEventListener('endStroke', changed);
      signaturePad.off();
      pad.current = null;
    };
  }, [onChange]);

  useImperativeHandle(ref, () => ({
    png: () => (pad.current && !pad.current.isEmpty() ? pad.current.toDataURL('image/png').split(',')[1]! : null),
    clear: () => {
      pad.current?.clear();
      onChange(false);
    },
  }));

  return (
    <div>
      <Group justify="space-between" align="flex-end" mb={4}>
        <Text size="sm" fw={500} id="signature-label">
          {label}
        </Text>
        <Button size="compact-xs" variant="subtle" onClick={() => {
          pad.current?.clear();
          onChange(false);
        }}>
          Clear
        </Button>
      </Group>
      <Box style={{ border: '1px solid var(--mantine-color-gray-5)', borderRadius: 4, background: '#fff', position: 'relative' }}>
        <canvas ref={canvas} role="img" aria-labelledby="signature-label" data-testid="signature-pad" style={{ width: '100%', height: 160, display: 'block', touchAction: 'none', cursor: 'crosshair' }} />
        <div style={{ position: 'absolute', left: 16, right: 16, bottom: 36, borderBottom: '1px solid var(--mantine-color-gray-4)', pointerEvents: 'none' }} />
      </Box>
    </div>
  );
});
