import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The browser journeys first: each takes minutes, so one started last would leave the other worker
 * idle at the end of the run. The rest keep Vitest's order (slowest first when it has timings).
 */
export class BrowserFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isBrowser = (file: TestSpecification) => file.moduleId.includes('/test/e2e/');
    return [...sorted.filter(isBrowser), ...sorted.filter((file) => !isBrowser(file))];
  }
}
