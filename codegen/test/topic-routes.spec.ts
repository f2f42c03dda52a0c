import { expect } from 'chai';
import { CodegenError } from '../src/index.ts';
import { parseTopicRoutes } from '../src/asyncapi/topic-routes.ts';

const services = { 'a-service': 'Does A.', 'b-service': 'Does B.' };
const manifest = (topics: object, extra: object = {}) => JSON.stringify({ services, topics, ...extra });

function problems(text: string, topics: string[]): string {
  try {
    parseTopicRoutes(text, topics);
  } catch (error) {
    expect(error).to.be.instanceOf(CodegenError);
    expect((error as CodegenError).code).to.equal('TOPICS_MANIFEST_INVALID');
    return (error as Error).message;
  }
  return expect.fail('the routes parsed');
}

describe('parseTopicRoutes', () => {
  it('reads the services and each topic’s sender and receivers', () => {
    const routes = parseTopicRoutes(manifest({ 'a.x': { sender: 'a-service', receivers: ['b-service'] } }), [
      'a.x',
    ]);
    expect([...routes.services.keys()]).to.deep.equal(['a-service', 'b-service']);
    expect(routes.topics.get('a.x')).to.deep.equal({ sender: 'a-service', receivers: ['b-service'] });
  });

  it('lists every problem: a topic without a route, a route without a schema, an unknown service', () => {
    const message = problems(
      manifest({
        'a.x': { sender: 'c-service', receivers: ['b-service'] },
        'a.y': { sender: 'a-service', receivers: [] },
        'a.gone': { sender: 'a-service', receivers: ['b-service'] },
      }),
      ['a.x', 'a.y', 'a.new'],
    );
    expect(message)
      .to.include('topic "a.x": "sender"')
      .and.include('topic "a.y": "receivers"')
      .and.include('"a.new" has a schema but no route')
      .and.include('"a.gone" has a route but no schema');
  });

  it('refuses text that is not JSON', () => {
    expect(problems('{', [])).to.include('not valid JSON');
  });
});
