import { affectedProjects, servicesToDeploy } from './affected-services';

// Nx computes these from the real project graph of this repository.
describe('services a change affects', () => {
  it('ships only the service whose own code changed', () => {
    expect(servicesToDeploy(affectedProjects({ files: ['apps/insights/src/config.ts'] }))).toEqual(['insights']);
  });

  it('ships every service that imports a changed library, and only those', () => {
    expect(servicesToDeploy(affectedProjects({ files: ['libs/sentiment/src/domain-classifier.ts'] }))).toEqual(['insights', 'generation']);
  });

  it('ships every service when the shared event contracts change', () => {
    expect(servicesToDeploy(affectedProjects({ files: ['libs/contracts/src/index.ts'] }))).toEqual([
      'gateway',
      'identity-graph',
      'touchpoint-store',
      'insights',
      'generation',
      'governance',
    ]);
  });

  it('ships nothing for a change to documentation outside every project', () => {
    expect(servicesToDeploy(affectedProjects({ files: ['README.md'] }))).toEqual([]);
  });

  it('keeps the deploy order and ignores libraries and tools', () => {
    expect(servicesToDeploy(['service-kit', 'governance', 'tools-bench', 'gateway'])).toEqual(['gateway', 'governance']);
  });
});
