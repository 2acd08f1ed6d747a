import { type Browser, chromium } from 'playwright-core'

/**
 * Debian's Chromium (`apt-get install chromium`), driven by playwright-core: nothing is downloaded.
 * The flags keep a headless run quiet and offline.
 */
export const launchChromium = (): Promise<Browser> =>
  chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
  })
