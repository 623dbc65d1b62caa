//! Copies a value to the clipboard and says so.
import { useState } from 'react';
import { Button } from './button';

export function CopyButton({ value, label, copiedLabel }: { value: string; label: string; copiedLabel: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      window.setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <Button variant="secondary" onClick={() => void copy()} aria-live="polite">
      {copied ? copiedLabel : label}
    </Button>
  );
}

/** A one-time secret shown in a monospace box with a copy button. */
export function SecretBox({ value, label, copyLabel, copiedLabel }: { value: string; label: string; copyLabel: string; copiedLabel: string }) {
  return (
    <div className="secret-box">
      <span className="secret-label">{label}</span>
      <code className="secret-value" data-testid="secret-value">
        {value}
      </code>
      <CopyButton value={value} label={copyLabel} copiedLabel={copiedLabel} />
    </div>
  );
}
