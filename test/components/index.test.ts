import * as library from '../../components/index.js';
import { defineElement } from '../../components/shared/define.js';
import { allowConsole, expect } from '../helpers/fixtures.js';

const TAGS = ['personal-info-form', 'contact-verify-dialog', 'session-limit-field'] as const;

describe('components/index.js and components/all.js', () => {
  it('index registers no element (classes, events and types only)', () => {
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.equal(undefined);
    expect(library.PersonalInfoForm).to.be.a('function');
    expect(library.ContactVerifyDialog).to.be.a('function');
    expect(library.SessionLimitField).to.be.a('function');
    expect(
      new library.PersonalInfoSavedEvent({ personalInfo: {} as library.PersonalInfo, changed: [] }).composed,
    ).to.equal(true);
  });

  it('all registers every element, and a second copy of the library neither throws nor replaces them', async () => {
    const all = await import('../../components/all.js');
    for (const tag of TAGS) expect(customElements.get(tag), tag).to.be.a('function');
    expect(customElements.get('personal-info-form')).to.equal(all.PersonalInfoForm);

    // The same class again (the same bundle loaded twice): nothing happens.
    defineElement('personal-info-form', all.PersonalInfoForm);
    // Another copy's class: the first definition stays, with a warning.
    const warned = allowConsole('already defined by another copy', 'warn');
    class SecondCopy extends all.PersonalInfoForm {}
    expect(() => defineElement('personal-info-form', SecondCopy)).not.to.throw();
    expect(warned()).to.equal(1);
    expect(customElements.get('personal-info-form')).to.equal(all.PersonalInfoForm);
  });
});
