// One progress bar for Maven's artifact downloads (jars and bytes), instead of Maven's line per
// file. On a terminal it redraws one line in place; elsewhere (CI, a log file) it writes one line
// every few seconds and a last one when done.

const UNITS = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9 };
const NON_TTY_EVERY_MS = 5000;
const BAR_WIDTH = 24;

/** Bytes of a size as Maven prints it ("6.5 MB", "512 B"), or 0. */
export function parseSize(text) {
  const m = /([\d.]+)\s*(B|kB|KB|MB|GB)\b/.exec(text);
  return m ? Number(m[1]) * UNITS[m[2]] : 0;
}

/** Reads Maven's (batch-mode) output lines and keeps count of jars announced and fetched. */
export function mavenDownloadCounter() {
  const counts = { jarsStarted: 0, jarsDone: 0, files: 0, bytes: 0 };
  return {
    counts,
    /** Returns true when the line changed a count. */
    line(raw) {
      // Maven's JVM colours some lines even with style.color=never.
      const plain = raw.replace(/\x1b\[[0-9;]*m/g, '');
      const started = /Downloading from [^:]+: (\S+)/.exec(plain);
      if (started) {
        if (started[1].endsWith('.jar')) counts.jarsStarted++;
        return true;
      }
      const done = /Downloaded from [^:]+: (\S+) \(([^)]*)\)/.exec(plain);
      if (!done) return false;
      counts.files++;
      counts.bytes += parseSize(done[2]);
      if (done[1].endsWith('.jar')) counts.jarsDone++;
      return true;
    },
  };
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The bar's text: jars fetched of those announced so far, and the bytes of every file. */
export function progressLine({ jarsStarted, jarsDone, files, bytes }) {
  const share = jarsStarted === 0 ? 0 : jarsDone / jarsStarted;
  const filled = Math.round(share * BAR_WIDTH);
  const bar = `${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}`;
  return `[${bar}] ${jarsDone}/${jarsStarted} jars, ${files} files, ${mb(bytes)}`;
}

/**
 * Draws the counter's progress to `stream` (a TTY: in place) or through `log` (otherwise, every
 * few seconds). `finish()` ends the line.
 */
export function progressBar(counts, { stream = process.stderr, log = console.log, prefix = '' } = {}) {
  const tty = Boolean(stream.isTTY);
  let lastLogged = Date.now();
  let drawn = false;
  return {
    update() {
      if (tty) {
        stream.write(`\r${prefix}${progressLine(counts)}\x1b[K`);
        drawn = true;
      } else if (Date.now() - lastLogged >= NON_TTY_EVERY_MS) {
        lastLogged = Date.now();
        log(`${prefix}${progressLine(counts)}`);
      }
    },
    finish() {
      if (tty && drawn) stream.write(`\r${prefix}${progressLine(counts)}\x1b[K\n`);
      else if (!tty && counts.files > 0) log(`${prefix}${progressLine(counts)}`);
    },
  };
}
