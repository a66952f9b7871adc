import { describe, expect, it } from 'vitest';
import { masked } from '../../helpers/masked.js';

// Support agents answer in the customer's language: what English-only cues missed or took for names.
describe('redaction of texts in other languages', () => {
  it('German prose: capitalised nouns are nouns, even with an umlaut or a surname-like ending', () => {
    // A German support answer used to come out with 21 of its nouns as <PERSON_n>.
    const reply =
      'Guten Tag, vielen Dank für Ihre Anfrage. Leider ist die Rückerstattung noch nicht erfolgt, da die Rücksendung noch nicht bei uns ' +
      'eingegangen ist. Bei Rückfragen wenden Sie sich bitte an unseren Kundenservice. Die Überweisung ist eingegangen, die ' +
      'Zahlungsbestätigung folgt per E-Mail. Gerne stehe ich Ihnen für weitere Fragen zur Verfügung. Aufgrund hoher Nachfrage kommt es ' +
      'zu Verzögerungen bei der Zustellung. Die Garantie umfasst Schäden durch Herstellungsfehler. Mit freundlichen Grüßen';
    expect(masked(reply)).toEqual([]);
    // A short message has fewer function words: two do when no English one stands near.
    expect(masked('Die Rückerstattung für meine Bestellung fehlt noch.')).toEqual([]);
    expect(masked('Wo bleibt meine Bestellung? Die Rückerstattung ist überfällig.')).toEqual([]);
    // A surname that is also a noun, after an article ("im Keller", "Der Koch"), or any name after a
    // number ("3 Tage"), is the noun; a given name after an article is still someone ("mit dem Thomas").
    expect(masked('Die Lieferzeit beträgt 3 Tage und wir haben das Paket im Keller gefunden.')).toEqual([]);
    expect(masked('Der Koch hat das Essen zubereitet und wir sind sehr zufrieden.')).toEqual([]);
    expect(masked('Ich habe mit dem Thomas gesprochen und er ist einverstanden. Frau Keller hat angerufen.')).toEqual([
      'PERSON:Thomas',
      'PERSON:Frau Keller',
    ]);
    // A function word opening the sentence counts too ("Unser", "Dieser").
    expect(masked('Unser Team prüft die Verfügbarkeit beim Händler.')).toEqual([]);
    expect(masked('Dieser Link läuft aus Sicherheitsgründen in 1 Stunde ab.')).toEqual([]);
  });

  it('German prose: names are still names, with or without a name list knowing them', () => {
    expect(masked('Ich habe gestern mit Herrn Pfefferkorn telefoniert und er wartet auf eine Antwort.')).toEqual(['PERSON:Herrn Pfefferkorn']);
    expect(masked('Mein Name ist Tobias Pfefferkorn und ich habe eine Frage zu meiner Bestellung.')).toEqual(['PERSON:Tobias Pfefferkorn']);
    expect(masked('Mein Name ist Brömmelkamp, ich habe eine Frage zu meiner Bestellung und bitte um Rückruf.')).toEqual(['PERSON:Brömmelkamp']);
    expect(masked('Sehr geehrte Frau Özdemir, vielen Dank für Ihre Nachricht und Ihre Geduld.')).toEqual(['PERSON:Frau Özdemir']);
    expect(masked('Ansprechpartner ist Jörg Kühnapfel, er ist ab Montag wieder im Büro und hilft Ihnen gerne.')).toEqual(['PERSON:Jörg Kühnapfel']);
    expect(masked('Hallo Grzegorz, wir haben Ihre Bestellung erhalten und sie wird morgen versandt.')).toEqual(['PERSON:Grzegorz']);
    // A surname's ending still marks a name no list has.
    expect(masked('Die Bestellung von Zalewczyk ist noch nicht bei uns eingegangen und wir prüfen das.')).toEqual(['PERSON:Zalewczyk']);
    expect(masked('Mit freundlichen Grüßen, Tobias Pfefferkorn')).toEqual(['PERSON:Tobias Pfefferkorn']);
    // A noun before a comma and a name is no second name of a list ("Nachricht, Herr Pfefferkorn").
    expect(masked('Vielen Dank für Ihre Nachricht, Herr Pfefferkorn. Leider ist die Rückerstattung noch nicht erfolgt.')).toEqual(['PERSON:Herr Pfefferkorn']);
    // Names no list knows and nothing before them names: a role noun or what the person did says so.
    expect(masked('Der Kunde Zorbit Kühnapfel hat angerufen und wollte wissen, wann die Lieferung kommt.')).toEqual(['PERSON:Zorbit Kühnapfel']);
    expect(masked('Zorbit Kühnapfel hat angerufen und wollte wissen, wann die Lieferung kommt und ob sie versichert ist.')).toEqual(['PERSON:Zorbit Kühnapfel']);
    expect(masked('Ich habe mit Ihrer Kollegin Ühdrina gesprochen und sie hat mir geholfen.')).toEqual(['PERSON:Ühdrina']);
    expect(masked('Die Kundin Svetlana Wójcik hat sich beschwert, dass die Lieferung nicht angekommen ist.')).toEqual(['PERSON:Svetlana Wójcik']);
  });

  it('German nouns stay names outside German prose: an unknown name with an umlaut in English text', () => {
    expect(masked('Zorbit Kühnapfel said he would call back.')).toEqual(['PERSON:Zorbit Kühnapfel']);
    // The German part of a mixed text reads as German, the English part as English.
    const english = 'The customer wrote in English first and asked us to call back. Zorbit Kühnapfel said the parcel never came. '.repeat(6);
    const german = 'Danach schrieb sie auf Deutsch: Die Rückerstattung ist leider noch nicht erfolgt und wir haben keine Antwort von Ihnen.';
    expect(masked(english + german).filter((m) => m.startsWith('PERSON:'))).toEqual(Array.from({ length: 6 }, () => 'PERSON:Zorbit Kühnapfel'));
  });

  it("greetings, sign-offs, teams, departments and weekdays of support answers are no names; the customer's name is", () => {
    expect(masked('Hola Lucía, gracias por contactar con Atención al Cliente. Si tiene más preguntas, escríbanos. Saludos, Equipo de Soporte')).toEqual([
      'PERSON:Lucía',
    ]);
    expect(masked('Olá João, obrigado por entrar em contato com o Serviço de Apoio ao Cliente. Atenciosamente, Equipe de Atendimento')).toEqual([
      'PERSON:João',
    ]);
    expect(masked('Dzień dobry Pani Katarzyno, dziękujemy za kontakt z Biurem Obsługi Klienta. Pozdrawiamy, Zespół Sklepu')).toEqual(['PERSON:Katarzyno']);
    expect(masked('Información importante: Próximos pasos para su devolución. Atención: el plazo vence el Miércoles.')).toEqual([]);
    expect(masked('Étape suivante : Vérification de votre identité. Référence : 4521. Équipe Sécurité')).toEqual([]);
    expect(masked('Sehr geehrte Damen und Herren, anbei die Rechnung. Caro cliente, Você receberá o pedido amanhã.')).toEqual([]);
    // A German or Dutch field label before a colon is no speaker's name; a name still is one.
    expect(masked('Zahlungsart: Kreditkarte\nVersandart: Standard\nFoutmelding: bestelling is niet bekend.')).toEqual([]);
    expect(masked('Gijsbrecht: who are you?')).toEqual(['PERSON:Gijsbrecht']);
    // Title-case labels of order and payment pages, and an article elided into a word ("L'Équipe").
    expect(masked('Numéro de Suivi : 4521. Reçu de Paiement. Montant Payé : 12 €. Méthode de Paiement : carte.')).toEqual([]);
    expect(masked("Avec gratitude,\nL'Équipe Holistic Store")).toEqual([]);
    expect(masked("Merci, D'Angelo Rossi a appelé")).toEqual(["PERSON:D'Angelo Rossi"]);
    // Italian letters open with "Gentile" (Dear), also a surname: beside a given name it still is one.
    expect(masked('Gentile cliente, al momento il nostro sistema di prenotazione è occupato.')).toEqual([]);
    expect(masked('Ho parlato con Mario Gentile ieri')).toEqual(['PERSON:Mario Gentile']);
    expect(masked("Buongiorno Sig. Bianchi, la Sua richiesta è stata inoltrata all'Ufficio Resi. Cordiali saluti, Assistenza Clienti")).toEqual([
      'PERSON:Bianchi',
    ]);
  });

  it('a name after "my name is" in German, French, Spanish, Italian, Dutch, Portuguese and Polish', () => {
    expect(masked('Ich heiße Pfefferkorn.')).toEqual(['PERSON:Pfefferkorn']);
    expect(masked("Je m'appelle Zorbeline Quatrefages.")).toEqual(['PERSON:Zorbeline Quatrefages']);
    expect(masked('Me llamo Zuriñe.')).toEqual(['PERSON:Zuriñe']);
    expect(masked('Ik heet Daantje Wulpenhorst.')).toEqual(['PERSON:Daantje Wulpenhorst']);
    expect(masked('Meu nome é Jandira Tavolaro.')).toEqual(['PERSON:Jandira Tavolaro']);
    expect(masked('Nazywam się Grzegorz Brzęczyszczykiewicz.')).toEqual(['PERSON:Grzegorz Brzęczyszczykiewicz']);
  });

  it('names in scripts without letter case after a cue, in English or in their language; Vietnamese names', () => {
    expect(masked('My name is محمد علي and my phone is 050 123 4567')).toEqual(['PERSON:محمد علي', 'PHONE:050 123 4567']);
    expect(masked('اسمي أحمد حسن ورقم هاتفي 0501234567')).toEqual(['PERSON:أحمد حسن', 'PHONE:0501234567']);
    expect(masked('السيدة فاطمة الزهراء')).toEqual(['PERSON:فاطمة الزهراء']);
    expect(masked('שמי דוד כהן')).toEqual(['PERSON:דוד כהן']);
    expect(masked('מר כהן אמר שלום. הטלפון שלי 0521234567')).toEqual(['PERSON:כהן', 'PHONE:0521234567']);
    expect(masked('मेरा नाम राहुल शर्मा है')).toEqual(['PERSON:राहुल शर्मा']);
    expect(masked('Dear श्री राहुल शर्मा,')).toEqual(['PERSON:श्री राहुल शर्मा']);
    expect(masked('ชื่อ สมชาย ใจดี')).toEqual(['PERSON:สมชาย ใจดี']);
    // A greeting or a sentence in the other language of a bilingual text is no name.
    expect(masked('Hello مرحبا. This is مهم جدا.')).toEqual([]);
    // Vietnamese letters with stacked marks (U+1E00-U+1EFF) give a name its shape, as other accents do.
    expect(masked('Tên tôi là Trần Thị Bích')).toEqual(['PERSON:Trần Thị Bích']);
    expect(masked('Số điện thoại của tôi là 0912345678')).toEqual(['PHONE:0912345678']);
    expect(masked('мой телефон 89123456789')).toEqual(['PHONE:89123456789']);
    // "tool_call" is no phone word: an epoch time after it stays.
    expect(masked('"tool_call": false, "created_at": 1749650243')).toEqual([]);
  });

  it('dates of birth with month names and birth words of other languages', () => {
    expect(masked('Geburtsdatum: 12. März 1985')).toEqual(['DATE_OF_BIRTH:12. März 1985']);
    expect(masked('Ich bin am 3. Juli 1979 geboren.')).toEqual(['DATE_OF_BIRTH:3. Juli 1979']);
    expect(masked('geb. 3.7.2010')).toEqual(['DATE_OF_BIRTH:3.7.2010']);
    expect(masked('Ma fille est née le 1er mai 2012.')).toEqual(['DATE_OF_BIRTH:1er mai 2012']);
    expect(masked('Ma date de naissance est le 3 avril 1979.')).toEqual(['DATE_OF_BIRTH:3 avril 1979']);
    expect(masked('Mi fecha de nacimiento es el 5 de mayo de 1990.')).toEqual(['DATE_OF_BIRTH:5 de mayo de 1990']);
    expect(masked('Nací el 21 de septiembre del 2008.')).toEqual(['DATE_OF_BIRTH:21 de septiembre del 2008']);
    expect(masked('Sono nato il 12 marzo 2009.')).toEqual(['DATE_OF_BIRTH:12 marzo 2009']);
    expect(masked('Ik ben geboren op 3 maart 2011.')).toEqual(['DATE_OF_BIRTH:3 maart 2011']);
    expect(masked('Data de nascimento: 5 de maio de 2010')).toEqual(['DATE_OF_BIRTH:5 de maio de 2010']);
    expect(masked('Nasci em 3 de março de 2010')).toEqual(['DATE_OF_BIRTH:3 de março de 2010']);
    expect(masked('Urodziłem się 5 maja 2008')).toEqual(['DATE_OF_BIRTH:5 maja 2008']);
    expect(masked('Я родился 12 марта 2009 года')).toEqual(['DATE_OF_BIRTH:12 марта 2009']);
    expect(masked('Doğum tarihim 12.03.2009')).toEqual(['DATE_OF_BIRTH:12.03.2009']);
    expect(masked('تاريخ الميلاد: 12/03/2009')).toEqual(['DATE_OF_BIRTH:12/03/2009']);
    // Chinese, Japanese and Korean dates, after their birth words (which no space sets apart).
    expect(masked('生年月日：2009年3月12日')).toEqual(['DATE_OF_BIRTH:2009年3月12日']);
    expect(masked('출생일: 2009년 3월 12일')).toEqual(['DATE_OF_BIRTH:2009년 3월 12일']);
    expect(masked('注文日：2024年3月12日, Lieferung am 5 maja 2024')).toEqual([]);
    // A key written in snake case is birth context too.
    expect(masked('date_of_birth: 2010-05-04')).toEqual(['DATE_OF_BIRTH:2010-05-04']);
    // A recent date without birth words is a delivery date, in any language.
    expect(masked('Lieferung am 12. März 2024, Rechnung vom 3 avril 2024.')).toEqual([]);
  });

  it('phone numbers after the words for "call me" and "phone" of other languages; "al" is no street type', () => {
    // Bare digits need phone context, which was English only.
    expect(masked('Llámame al 612345678')).toEqual(['PHONE:612345678']);
    expect(masked('chiamami al 3471234567')).toEqual(['PHONE:3471234567']);
    expect(masked('Telefon: 03012345678')).toEqual(['PHONE:03012345678']);
    expect(masked('Tél. : 0612345678')).toEqual(['PHONE:0612345678']);
    expect(masked('bel me op 0612345678')).toEqual(['PHONE:0612345678']);
    // "al" (Polish "aleja") written right before the number was read as a street ("Llámame al 612").
    expect(masked('Llámame al 612 345 678, por favor.')).toEqual(['PHONE:612 345 678']);
    expect(masked('Chiamami al 347 123 4567.')).toEqual(['PHONE:347 123 4567']);
    expect(masked('al. Jerozolimskie 65, 00-697 Warszawa')).toEqual(['ADDRESS:al. Jerozolimskie 65, 00-697 Warszawa']);
    // Not a word that is also English ("portable").
    expect(masked('portable 512 1024')).toEqual([]);
  });

  it('account numbers, usernames and passwords named in other languages', () => {
    expect(masked('Meine Kontonummer ist 1234567890')).toEqual(['ACCOUNT_NUMBER:1234567890']);
    expect(masked('Mi número de cuenta es 1234567890')).toEqual(['ACCOUNT_NUMBER:1234567890']);
    expect(masked('Il mio conto corrente è 123456789012')).toEqual(['ACCOUNT_NUMBER:123456789012']);
    expect(masked('Mijn rekeningnummer is 1234567890')).toEqual(['ACCOUNT_NUMBER:1234567890']);
    expect(masked('Número de conta: 12345-6')).toEqual(['ACCOUNT_NUMBER:12345-6']);
    // "Benutzername" was masked as a person and the username itself left in the clear.
    expect(masked('Benutzername: jdoe_84')).toEqual(['USER:jdoe_84']);
    expect(masked('Mi usuario es jdoe_84')).toEqual(['USER:jdoe_84']);
    expect(masked('Mon identifiant : jdoe_84')).toEqual(['USER:jdoe_84']);
    expect(masked('Il mio nome utente è jdoe_84')).toEqual(['USER:jdoe_84']);
    expect(masked('Mijn gebruikersnaam is jdoe_84')).toEqual(['USER:jdoe_84']);
    expect(masked('Mein Passwort ist Sommer2024!')).toEqual(['SECRET:Sommer2024']);
    expect(masked('Mi contraseña es Verano2024!')).toEqual(['SECRET:Verano2024']);
    expect(masked('Mon mot de passe est Ete2024!')).toEqual(['SECRET:Ete2024']);
    expect(masked('Moje hasło to Lato2024!')).toEqual(['SECRET:Lato2024']);
    expect(masked('Kennwort: geheim123')).toEqual(['SECRET:geheim123']);
    // Without a dictionary of the language, a word after "is" is a password only with a digit or a symbol.
    expect(masked('Ihr Passwort ist abgelaufen. La contraseña es incorrecta.')).toEqual([]);
  });

  it('national ids of more countries, by their checks and, where the shape is common, their names', () => {
    expect(masked('Mój PESEL to 44051401359')).toEqual(['NATIONAL_ID:44051401359']);
    expect(masked('Steuer-ID: 86 095 742 719')).toEqual(['NATIONAL_ID:86 095 742 719']);
    expect(masked('T.C. Kimlik No: 10000000146')).toEqual(['NATIONAL_ID:10000000146']);
    expect(masked('mitt personnummer är 811218-9876')).toEqual(['NATIONAL_ID:811218-9876']);
    expect(masked('Fødselsnummer: 01010750160')).toEqual(['NATIONAL_ID:01010750160']);
    expect(masked('CPR-nr: 070761-4285')).toEqual(['NATIONAL_ID:070761-4285']);
    expect(masked('주민등록번호 900101-1234567')).toEqual(['NATIONAL_ID:900101-1234567']);
    expect(masked('NIF 123456789')).toEqual(['NATIONAL_ID:123456789']);
    expect(masked('תעודת זהות 000000018')).toEqual(['NATIONAL_ID:000000018']);
    // Shapes of their own need no name: Finland's henkilötunnus, Belgium's national number, Mexico's CURP.
    expect(masked('131052-308T')).toEqual(['NATIONAL_ID:131052-308T']);
    expect(masked('85.07.30-033.28')).toEqual(['NATIONAL_ID:85.07.30-033.28']);
    expect(masked('CURP: HEGG560427MVZRRL04')).toEqual(['NATIONAL_ID:HEGG560427MVZRRL04']);
    // A failed check, or a common shape without the id's name, is not one.
    expect(masked('PESEL 44051401358, Henkilötunnus 131052-308U, Order 811218-9876, Ref 10000000146')).toEqual([]);
  });

  it("national ids of Chile, Argentina, Singapore, Malaysia and the UAE, by their checks", () => {
    // Before, each of these was kept.
    expect(masked('Hola, mi RUT es 12.345.678-5; RUN: 7.654.302-K')).toEqual(['NATIONAL_ID:12.345.678-5', 'NATIONAL_ID:7.654.302-K']);
    expect(masked('RUT 12345678-5, CUIT 20-12345678-6, CUIL 20123456786')).toEqual(['NATIONAL_ID:12345678-5', 'NATIONAL_ID:20-12345678-6', 'NATIONAL_ID:20123456786']);
    expect(masked('NRIC S1234567D, FIN F1234567N')).toEqual(['NATIONAL_ID:S1234567D', 'NATIONAL_ID:F1234567N']);
    expect(masked('IC: 900101-14-5678')).toEqual(['NATIONAL_ID:900101-14-5678']);
    expect(masked('Emirates ID 784-1990-1234567-6')).toEqual(['NATIONAL_ID:784-1990-1234567-6']);
    // A failed check, a date that does not exist, or a bare run without the id's name, is not one (dashed
    // digit groups may still read as a phone number).
    const ids = masked('RUT 12.345.678-4, 20-12345678-9, S1234567A, 901301-14-5678, 784-1990-1234567-5, ref 12345678-5');
    expect(ids.filter((f) => f.startsWith('NATIONAL_ID'))).toEqual([]);
  });

  it('Russian form fields before a colon are labels, not speakers', () => {
    // Before, "Имя" was masked as a speaker beside the name after it.
    expect(masked('Имя: Иван Петров\nТелефон: +7 912 345-67-89')).toEqual(['PERSON:Иван Петров', 'PHONE:+7 912 345-67-89']);
    expect(masked('Иван: привет')).toEqual(['PERSON:Иван']);
  });

  it('phone numbers written with a slash after the area code, as German-speaking countries do', () => {
    expect(masked('Tel.: 030/12345678')).toEqual(['PHONE:030/12345678']);
    expect(masked('Mobil: 0171/1234567')).toEqual(['PHONE:0171/1234567']);
    expect(masked('Rufen Sie mich unter 089/1234 5678 an')).toEqual(['PHONE:089/1234 5678']);
    expect(masked('+49 171/1234567')).toEqual(['PHONE:+49 171/1234567']);
    // A slash anywhere else ends the number, or makes no number at all.
    expect(masked('call 415-555-0100/0199')).toEqual(['PHONE:415-555-0100']);
    expect(masked('see /api/v1/1234567/890, ratio 1234567/8, ID 0815/4711/123')).toEqual([]);
  });

  it('addresses in the orders and abbreviations of French, Spanish, Brazilian, German, Italian and Dutch', () => {
    // The street, the postal code and the city all leaked: only "Paris" was masked, as a person.
    expect(masked('Adresse : 12, rue de la Paix, 75002 Paris')).toEqual(['ADDRESS:12, rue de la Paix, 75002 Paris']);
    expect(masked('12, chemin des Vignes, 69000 Lyon')).toEqual(['ADDRESS:12, chemin des Vignes, 69000 Lyon']);
    expect(masked('Envíelo a C/ Mayor 12, 28013 Madrid')).toEqual(['ADDRESS:C/ Mayor 12, 28013 Madrid']);
    expect(masked('Calle Mayor, 12, 28013 Madrid')).toEqual(['ADDRESS:Calle Mayor, 12, 28013 Madrid']);
    expect(masked('Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100')).toEqual(['ADDRESS:Av. Paulista, 1000 - Bela Vista, São Paulo - SP, 01310-100']);
    expect(masked('R. Augusta, 1500 - Apto 12, São Paulo')).toEqual(['ADDRESS:R. Augusta, 1500 - Apto 12, São Paulo']);
    expect(masked('Musterstr. 5, 10115 Berlin')).toEqual(['ADDRESS:Musterstr. 5, 10115 Berlin']);
    expect(masked('V.le Monza 12, 20127 Milano')).toEqual(['ADDRESS:V.le Monza 12, 20127 Milano']);
    expect(masked('Kerkstraat 12-A, 1017 GC Amsterdam')).toEqual(['ADDRESS:Kerkstraat 12-A, 1017 GC Amsterdam']);
    // Mexico's and Colombia's "#" house numbers, a Nigerian plot, Portuguese and Chilean post office boxes.
    expect(masked('Calle 5 de Mayo #123, Col. Centro, CDMX 06000')).toEqual(['ADDRESS:Calle 5 de Mayo #123, Col. Centro, CDMX 06000']);
    expect(masked('Carrera 7 # 12-34, Bogotá')).toEqual(['ADDRESS:Carrera 7 # 12-34, Bogotá']);
    expect(masked('Plot 45, Adeola Odeku Street, Victoria Island, Lagos')).toEqual(['ADDRESS:Plot 45, Adeola Odeku Street, Victoria Island, Lagos']);
    expect(masked('Apartado 12, 1000-001 Lisboa')).toEqual(['ADDRESS:Apartado 12, 1000-001 Lisboa']);
    expect(masked('Casilla 1234, Santiago')).toEqual(['ADDRESS:Casilla 1234, Santiago']);
    expect(masked('the plot 45 shows growth; Plot 3 of the series; see issue #123 in the repo')).toEqual([]);
    // A dash after an address takes only place words that a comma, a dash or the line's end follows.
    expect(masked('Deliver to 12 Baker Street - John will sign')).toEqual(['ADDRESS:12 Baker Street', 'PERSON:John']);
    expect(masked('see chapter 12, avenue of approach; Section 5-B of the contract')).toEqual([]);
  });

  it('addresses with "No:", "No." or "nº" between the street and its number, as Turkish, Spanish and Portuguese write them', () => {
    // Before, "Bağdat" and "Kadıköy" were masked as people and the street, number and city were kept.
    expect(masked('adresim Bağdat Cad. No: 45 Kadıköy/İstanbul')).toEqual(['ADDRESS:Bağdat Cad. No: 45 Kadıköy/İstanbul']);
    expect(masked('Atatürk Mah. Cumhuriyet Sok. No: 12 D: 5, 34000 Ankara')).toEqual(['ADDRESS:Atatürk Mah. Cumhuriyet Sok. No: 12 D: 5, 34000 Ankara']);
    expect(masked('Calle Mayor No. 5, 28013 Madrid; Rua das Flores, nº 45, São Paulo')).toEqual([
      'ADDRESS:Calle Mayor No. 5, 28013 Madrid',
      'ADDRESS:Rua das Flores, nº 45, São Paulo',
    ]);
    // A number after "No." with no street word before it is no address.
    expect(masked('Version No. 5; I have no 5 dollars; Issue #45 is fixed')).toEqual([]);
  });
  it('addresses keep their floor and door ("3º B", "2. OG", "interno 5") and what follows them', () => {
    expect(masked('Envíenlo a Calle Mayor 12, 3º B, 28013 Madrid.')).toEqual(['ADDRESS:Calle Mayor 12, 3º B, 28013 Madrid']);
    expect(masked('Calle de Alcalá 45, 2ª izq., 28014 Madrid')).toEqual(['ADDRESS:Calle de Alcalá 45, 2ª izq., 28014 Madrid']);
    expect(masked('Via Roma 10, interno 5, 00184 Roma')).toEqual(['ADDRESS:Via Roma 10, interno 5, 00184 Roma']);
    expect(masked('Hauptstraße 5, 2. OG, 10115 Berlin')).toEqual(['ADDRESS:Hauptstraße 5, 2. OG, 10115 Berlin']);
    expect(masked('12 rue de la Paix, 3e étage, 75002 Paris')).toEqual(['ADDRESS:12 rue de la Paix, 3e étage, 75002 Paris']);
  });
});
