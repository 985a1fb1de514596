import { ElMessage, ElMessageBox } from 'element-plus';
import 'element-plus/es/components/message-box/style/css';

/**
 * Asks before an action that cannot be taken back (delete, disable, sign out): true when the
 * user confirmed, false when they cancelled or closed the box. A destructive action gets a red
 * button, so the two choices do not look alike.
 */
export function confirmAction(options: {
  message: string;
  title: string;
  confirmText: string;
  cancelText?: string;
  destructive?: boolean;
}): Promise<boolean> {
  return ElMessageBox.confirm(options.message, options.title, {
    type: 'warning',
    confirmButtonText: options.confirmText,
    ...(options.cancelText ? { cancelButtonText: options.cancelText } : {}),
    ...(options.destructive ? { confirmButtonClass: 'el-button--danger' } : {}),
  }).then(
    () => true,
    () => false,
  );
}

/** A refusal the user must be able to read to the end: it stays longer than a success. */
export function showFailure(message: string): void {
  ElMessage.error({ message, duration: 6000 });
}
