/** The frame of a demo station's controls (dashed, labelled "demo"), and one command at a time with its problem shown. */
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../i18n/i18n.dom.js';

type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: { readonly code: string } };

export interface DemoCommand {
  readonly busy: boolean;
  readonly problem: string | null;
  run(command: () => Promise<Outcome>): Promise<void>;
}

export function useDemoCommand(): DemoCommand {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return {
    busy,
    problem,
    async run(command) {
      setBusy(true);
      setProblem(null);
      const result = await command();
      setBusy(false);
      if (!result.ok) setProblem(errorMessage(result.error.code));
    },
  };
}

export function DemoPanel({
  title,
  problem,
  wide = false,
  testId,
  children,
}: {
  readonly title: string;
  readonly problem: string | null;
  readonly wide?: boolean;
  readonly testId: string;
  readonly children: ReactNode;
}) {
  return (
    <div className={wide ? 'card wide demo-controls' : 'card demo-controls'} data-testid={testId}>
      <p className="demo-label">{title}</p>
      {children}
      {problem !== null && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
