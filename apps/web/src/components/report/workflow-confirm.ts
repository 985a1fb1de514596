import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
import { i18n } from '../../locales';

/**
 * The confirmations before a workflow step. Each resolves false when the user cancels; a return
 * resolves the reviewer's comment and a reopen its reason, which the API requires.
 */

const t = i18n.global.t;

/** As the API's ReturnReportDto and ReopenReportDto allow. */
export const MAX_COMMENT_LENGTH = 500;

function common() {
  return {
    title: t('report.detail.confirm.title'),
    confirmButtonText: t('report.detail.confirm.ok'),
    cancelButtonText: t('report.detail.confirm.cancel'),
  };
}

/**
 * Asks to confirm a step that moves the report on (报送, 接收); when the report still has
 * errors it says how many, so neither the clerk nor the reviewer passes them unawares.
 */
async function confirmDespiteErrors(
  message: string,
  step: 'submit' | 'accept',
  errors: number,
): Promise<boolean> {
  const text =
    errors > 0
      ? `${message}${t('report.detail.confirm.withErrors', {
          errors,
          action: t(`report.detail.actions.${step}`),
        })}`
      : message;
  try {
    await ElMessageBox.confirm(text, {
      ...common(),
      type: errors > 0 ? 'warning' : 'info',
      customClass: 'report-confirm-box',
    });
    return true;
  } catch {
    return false;
  }
}

export function confirmSubmit(report: {
  agencyName: string | null;
  year: number;
  version: number;
  errors: number;
}): Promise<boolean> {
  const message = t('report.detail.confirm.submit', {
    agency: report.agencyName ?? '',
    year: report.year,
    version: report.version,
  });
  return confirmDespiteErrors(message, 'submit', report.errors);
}

export function confirmAccept(report: { errors: number }): Promise<boolean> {
  return confirmDespiteErrors(t('report.detail.confirm.accept'), 'accept', report.errors);
}

/** A required text of at most MAX_COMMENT_LENGTH characters, trimmed; false when cancelled. */
async function promptComment(kind: 'return' | 'reopen'): Promise<string | false> {
  try {
    const { value } = await ElMessageBox.prompt(t(`report.detail.confirm.${kind}`), {
      ...common(),
      inputType: 'textarea',
      inputPlaceholder: t(`report.detail.confirm.${kind}Placeholder`),
      inputValidator: (text: string) => {
        const trimmed = text?.trim() ?? '';
        if (!trimmed) return t(`report.detail.confirm.${kind}Required`);
        if (trimmed.length > MAX_COMMENT_LENGTH)
          return t('report.detail.confirm.tooLong', { max: MAX_COMMENT_LENGTH });
        return true;
      },
      customClass: 'report-confirm-box',
    });
    return value.trim();
  } catch {
    return false;
  }
}

export function promptReturnComment(): Promise<string | false> {
  return promptComment('return');
}

export function promptReopenReason(): Promise<string | false> {
  return promptComment('reopen');
}
