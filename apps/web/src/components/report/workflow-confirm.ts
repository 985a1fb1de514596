import { ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';
import { i18n } from '../../locales';

/**
 * The confirmations before a workflow step. Each resolves false when the user cancels; a return
 * resolves the reviewer's comment, which the API requires.
 */

const t = i18n.global.t;

function common() {
  return {
    title: t('report.detail.confirm.title'),
    confirmButtonText: t('report.detail.confirm.ok'),
    cancelButtonText: t('report.detail.confirm.cancel'),
  };
}

export async function confirmSubmit(report: {
  agencyName: string | null;
  year: number;
  version: number;
  errors: number;
}): Promise<boolean> {
  let message = t('report.detail.confirm.submit', {
    agency: report.agencyName ?? '',
    year: report.year,
    version: report.version,
  });
  if (report.errors > 0) {
    message = `${message}${t('report.detail.confirm.submitWithErrors', { errors: report.errors })}`;
  }
  try {
    await ElMessageBox.confirm(message, {
      ...common(),
      type: report.errors > 0 ? 'warning' : 'info',
      customClass: 'report-confirm-box',
    });
    return true;
  } catch {
    return false;
  }
}

export async function confirmAccept(): Promise<boolean> {
  try {
    await ElMessageBox.confirm(t('report.detail.confirm.accept'), {
      ...common(),
      type: 'info',
      customClass: 'report-confirm-box',
    });
    return true;
  } catch {
    return false;
  }
}

export async function promptReturnComment(): Promise<string | false> {
  try {
    const { value } = await ElMessageBox.prompt(t('report.detail.confirm.return'), {
      ...common(),
      inputType: 'textarea',
      inputPlaceholder: t('report.detail.confirm.returnPlaceholder'),
      inputValidator: (text: string) =>
        text?.trim() ? true : t('report.detail.confirm.returnRequired'),
      customClass: 'report-confirm-box',
    });
    return value.trim();
  } catch {
    return false;
  }
}
