/**
 * The upload tray: one row per file being sent, with a progress bar and a Cancel button while it uploads, and its
 * outcome afterwards. The attachment itself appears in the transcript like any message.
 */

/** One row of the tray. */
export interface UploadRow {
  /** `sentBytes` of `totalBytes` have gone. */
  progressed(sentBytes: number, totalBytes: number): void;
  /** The service has the attachment. */
  completed(): void;
  cancelled(): void;
  failed(reason: string): void;
}

/** Creates the tray over `list`. */
export function createUploadsView(list: HTMLUListElement) {
  let next = 0;
  return {
    /** Adds a row for `name`; `cancel` is called when the user presses Cancel. */
    add(name: string, cancel: () => void): UploadRow {
      next += 1;
      const row = document.createElement('li');
      row.className = 'upload';
      row.dataset.state = 'uploading';
      const label = document.createElement('span');
      label.className = 'upload-name';
      label.id = `upload-${next}-name`;
      label.textContent = name;
      const state = document.createElement('span');
      state.className = 'upload-state';
      state.textContent = 'Uploading';
      const bar = document.createElement('progress');
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute('aria-labelledby', label.id);
      const cancelButton = document.createElement('button');
      cancelButton.type = 'button';
      cancelButton.className = 'upload-cancel';
      cancelButton.textContent = 'Cancel';
      cancelButton.setAttribute('aria-label', `Cancel uploading ${name}`);
      cancelButton.addEventListener('click', () => cancel());
      row.append(label, state, bar, cancelButton);
      list.append(row);

      const finish = (kind: string, text: string) => {
        row.dataset.state = kind;
        state.textContent = text;
        cancelButton.remove();
      };
      return {
        progressed(sentBytes, totalBytes) {
          const percent = totalBytes > 0 ? Math.min(100, Math.round((sentBytes / totalBytes) * 100)) : 0;
          bar.value = percent;
          // What the transfer itself reported, apart from the bar filled on completion.
          row.dataset.reportedPercent = String(percent);
          state.textContent = `Uploading ${percent}%`;
        },
        completed() {
          bar.value = 100;
          finish('sent', 'Sent');
        },
        cancelled: () => {
          bar.remove();
          finish('cancelled', 'Cancelled');
        },
        failed: (reason) => {
          bar.remove();
          finish('failed', `Not sent: ${reason}`);
        },
      };
    },
  };
}
