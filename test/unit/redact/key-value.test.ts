// Values under sensitive keys in text the redactor cannot read as JSON: the key decides, as in JSON.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../core/redact/index.js';
import { masked } from '../../helpers/masked.js';

describe('values under sensitive keys in text', () => {
  it('finds them in logfmt, XML, a request line, a Python repr and "Key: value" lines', () => {
    expect(masked('level=info customer_name="Tendai Moyo" email=tendai@example.org phone=+263771234567')).toEqual([
      'PERSON:Tendai Moyo',
      'EMAIL:tendai@example.org',
      'PHONE:+263771234567',
    ]);
    expect(masked('<customer><name>Farai Chikwanha</name><dob>1988-04-05</dob></customer>')).toEqual(['PERSON:Farai Chikwanha', 'DATE_OF_BIRTH:1988-04-05']);
    expect(masked('GET /api/users?first_name=Zqxette&last_name=vrumple HTTP/1.1')).toEqual(['PERSON:Zqxette', 'PERSON:vrumple']);
    // An identifier is no name, even under a name key: Azure's AccountName, an email key's postal address.
    expect(masked('AccountName=acct;\nMail: Birkenweg 9')).not.toContain('PERSON:acct');
    expect(masked("{'name': 'Tendai Moyo', 'ssn': '078-05-1120'}")).toEqual(['PERSON:Tendai Moyo', 'SSN:078-05-1120']);
    expect(masked('customer_name: Zqxette Vrumple\n- Date of Birth: 5 March 1988\n- Home address: 12 Moyo Close, Harare')).toEqual([
      'PERSON:Zqxette Vrumple',
      'DATE_OF_BIRTH:5 March 1988',
      'ADDRESS:12 Moyo Close, Harare',
    ]);
  });

  it('reads "key = value" with spaces (gitconfig, INI) to the end of the line', () => {
    expect(masked('[user]\n\tname = Zqxette Vrumple\n\temail = zv@example.org\ntimeout = 30')).toEqual(['PERSON:Zqxette Vrumple', 'EMAIL:zv@example.org']);
  });

  it("reads git's identity set on the command line, and an unquoted name after \"=\" over its capitalised words", () => {
    expect(masked('git config user.name "Tendai Moyo"')).toEqual(['PERSON:Tendai Moyo']);
    expect(masked('git config --global user.name Farai Chikwanha && git config --global user.email farai@example.org')).toEqual([
      'PERSON:Farai Chikwanha',
      'EMAIL:farai@example.org',
    ]);
    // Before, only the given name was masked.
    expect(masked('user.name=Zqxette Vrumple')).toEqual(['PERSON:Zqxette Vrumple']);
    expect(masked('GIT_AUTHOR_NAME=Kwame Mensah git commit -m fix')).toEqual(['PERSON:Kwame Mensah']);
    // The next key of a log line ends it; prose about the command is no value.
    expect(masked('level=info customer_name=Zqxette Vrumple=x')).toEqual(['PERSON:Zqxette']);
    expect(masked('Run git config user.name to see it')).toEqual([]);
  });

  it("masks the columns of a table whose header names a sensitive key (CSV, TSV, semicolons, Markdown)", () => {
    // A SQL or spreadsheet tool's output: before, only what the patterns know (emails, phones) was masked.
    const csv = 'name,email,phone,city\nZqxette Vrumple,zv@example.org,+263771234567,Harare\nFarai Chikwanha,fc@example.org,+263772345678,Bulawayo';
    expect(masked(csv)).toEqual([
      'PERSON:Zqxette Vrumple',
      'EMAIL:zv@example.org',
      'PHONE:+263771234567',
      'PERSON:Farai Chikwanha',
      'EMAIL:fc@example.org',
      'PHONE:+263772345678',
    ]);
    // A quoted cell holds the separator; a password column is a secret's.
    expect(masked('id;last_name;first_name;password\n1;Moyo;Tendai;hunter2\n2;"Chikwanha; Jr";Farai;s3cr3t!')).toEqual([
      'PERSON:Moyo',
      'PERSON:Tendai',
      'SECRET:hunter2',
      'PERSON:Chikwanha; Jr',
      'PERSON:Farai',
      'SECRET:s3cr3t!',
    ]);
    expect(masked('customer_id\tfull_name\tdob\n42\tZqxette Vrumple\t1990-03-12')).toEqual(['PERSON:Zqxette Vrumple', 'DATE_OF_BIRTH:1990-03-12']);
    expect(masked('Results:\n\n| Full Name | Plan |\n|---|:---:|\n| Zqxette Vrumple | Gold |\n\nDone.')).toEqual(['PERSON:Zqxette Vrumple']);
    // A row with another cell count ends the table; tables without a sensitive column, and prose, are left.
    expect(masked('name,email\nZqxette Vrumple,zv@example.org\nsee above, then retry')).toEqual(['PERSON:Zqxette Vrumple', 'EMAIL:zv@example.org']);
    expect(masked('product,price,qty\nDesk,199.00,1\nThanks for reaching out, I checked\nand it shipped, so soon')).toEqual([]);
  });

  it('finds them in JSON cut short, which does not parse', () => {
    const cut = '{"customer":{"first_name":"Tendai","last_name":"Moyo","phone":"+263771234567"},"notes":"call back after 5pm about the ref';
    expect(masked(cut)).toEqual(['PERSON:Tendai', 'PERSON:Moyo', 'PHONE:+263771234567']);
  });

  it('takes only what the type holds from a value read to the end of its line', () => {
    expect(masked('User Yara (user_id: yara_garcia_1905) is requesting a refund.')).toEqual(['PERSON:Yara', 'USER:yara_garcia_1905']);
    expect(masked('- Liam Lee (DOB: 1989-08-12)')).toEqual(['PERSON:Liam Lee', 'DATE_OF_BIRTH:1989-08-12']);
    expect(masked('Card number: 4111 1111 1111 1111 was declined')).toEqual(['CREDIT_CARD:4111 1111 1111 1111']);
    expect(masked('Name: Tendai Moyo is calling about order 5')).toEqual(['PERSON:Tendai Moyo']);
  });

  it('leaves tools, fillers, amounts, templates and prose alone, and secrets to the secret recognizer', () => {
    const text = [
      'name: lookup_order',
      'email: not provided',
      'Please note the following: nothing',
      'Credit Card: $247',
      'Username=your_username',
      'phone: 123',
    ].join('\n');
    expect(masked(text)).toEqual([]);
    // "changeme" is a placeholder to the secret recognizer, which owns password values.
    expect(masked('password: changeme')).toEqual([]);
    expect(masked('password: hunter2x')).toEqual(['SECRET:hunter2x']);
  });

  it('joins an overlapping finding of the same type: the address that runs on is masked whole', () => {
    expect(masked('his address: 48334 36 rue de pologne, cite de l\'interieur')).toEqual(["ADDRESS:48334 36 rue de pologne, cite de l'interieur"]);
  });

  it('reads labels in other languages, and goes on after a value it did not take', () => {
    expect(masked('Nombre: Zqxette Vrumple, Teléfono: 612 345 678\nKunde: Tendai Moyo\nNom : Moyo, Prénom : Farai')).toEqual([
      'PERSON:Zqxette Vrumple',
      'PHONE:612 345 678',
      'PERSON:Tendai Moyo',
      // A surname the lists know under a bare "Nom" is masked; one they lack is not (the key alone is a
      // tool's, a product's or a person's name).
      'PERSON:Moyo',
      'PERSON:Farai',
    ]);
  });

  it('leaves code alone: fields declared with their types, and values read from other objects', () => {
    const code = [
      'class User(BaseModel):',
      '    username: str',
      '    first_name: Optional[str] = None',
      '    phone: str = Field(..., min_length=7)',
      'def f(username: str, user_id: int) -> None:',
      'interface U { userId: number; lastName?: string }',
      'const user_name = req.body.user_name;',
      'address = address.replace("\\n", " ")',
    ].join('\n');
    expect(masked(code)).toEqual([]);
    // Data in the same shapes is still masked.
    expect(masked('username: jane.doe\nusername = "jdoe"\nfirst_name: Tendai')).toEqual(['USER:jane.doe', 'USER:jdoe', 'PERSON:Tendai']);
  });

  it("uses the team's own sensitive keys", () => {
    const r = createRedactor({ sensitiveKeys: [{ key: 'member_code', type: 'MEMBER' }] });
    const text = 'member_code: AB-77812 ok';
    expect(r.detect(text).map((f) => `${f.type}:${text.slice(f.start, f.end)}`)).toEqual(['MEMBER:AB-77812']);
  });
});
