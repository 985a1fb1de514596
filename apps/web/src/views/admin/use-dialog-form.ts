import type { FormInstance } from 'element-plus';
import { ref } from 'vue';
import { reasonOf } from './admin-labels';

/**
 * What every admin form dialog does on submit: validate, run the save with `saving` set, and on
 * a refusal keep the API's reason in `failure` for the dialog's alert (the dialog stays open).
 */
export function useDialogForm() {
  const formRef = ref<FormInstance>();
  const saving = ref(false);
  const failure = ref<string | null>(null);

  /** Clears the last failure and validation marks (when the dialog opens again). */
  function resetFeedback(): void {
    failure.value = null;
    formRef.value?.clearValidate();
  }

  /** Validates, then saves; `failed` words the refusal from the API's reason. */
  async function submitWith(
    save: () => Promise<void>,
    failed: (reason: string) => string,
  ): Promise<void> {
    const valid = await formRef.value?.validate().catch(() => false);
    if (!valid) return;
    saving.value = true;
    failure.value = null;
    try {
      await save();
    } catch (error) {
      failure.value = failed(reasonOf(error));
    } finally {
      saving.value = false;
    }
  }

  return { formRef, saving, failure, resetFeedback, submitWith };
}
