import type { ReactElement } from 'react';
import type { SmtpSettingsView } from '../../../preload/contract';
import type { TextField } from '../../ui/TextField';
import type { SmtpFormFiles, SmtpFormValues, SmtpTextField } from './smtp-form-values';

/** What the parts of the SMTP form share: the values, the stored view, and how to draw and change a field. */
export interface SmtpFieldsProps {
  view: SmtpSettingsView;
  values: SmtpFormValues;
  set<K extends keyof SmtpFormValues>(key: K, value: SmtpFormValues[K]): void;
  text(key: SmtpTextField, label: string, extra?: Partial<Parameters<typeof TextField>[0]>): ReactElement;
  pickFile(key: keyof SmtpFormFiles, file: File | undefined): void;
  fieldError(key: string): string | undefined;
}
