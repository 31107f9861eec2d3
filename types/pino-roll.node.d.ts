// pino-roll ships no types; this declares the one function we call, as its README documents it.
declare module 'pino-roll' {
  import type { DestinationStream } from 'pino';
  interface RollOptions {
    file: string | (() => string);
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
    dateFormat?: string;
  }
  export default function roll(options: RollOptions): Promise<DestinationStream & { flushSync?: () => void }>;
}
