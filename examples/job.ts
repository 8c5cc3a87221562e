// A nightly batch job: add up the timeouts of every service. One config has no timeout.
interface Config { name: string; timeout?: { seconds: number } }

function load(config: Config): number {
  // The non-null assertion is a lie for 'billing': this line throws a TypeError.
  return config.timeout!.seconds * 1000;
}

function main(configs: Config[]): number {
  let total = 0;
  // Sum every service's timeout, in milliseconds.
  for (const c of configs) total += load(c);
  return total;
}

const configs: Config[] = [
  { name: 'api', timeout: { seconds: 30 } },
  { name: 'billing' },
];
console.log('total timeout:', main(configs), 'ms');
