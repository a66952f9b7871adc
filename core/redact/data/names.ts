/**
 * Gazetteers of common given names and family names across cultures (English, German, Dutch, French,
 * Italian, Spanish, Portuguese, Nordic, Finnish, Icelandic, Polish, Czech, Hungarian, South Slavic,
 * Russian, Ukrainian, Caucasian, Greek, Turkish, Arabic, Persian, Indian, Chinese, Japanese, Korean,
 * Vietnamese, Thai, West, East and Southern African (Shona, Ndebele, Kikuyu, Luo, Kalenjin, Zulu, Xhosa,
 * Sotho, Akan, Yoruba), Bangladeshi, Pakistani, Sri Lankan, Burmese, Khmer, Kazakh, Filipino, Balinese,
 * Māori, Tongan, Samoan, Quechua and Aymara, Hebrew, Greenlandic, Irish and Scottish; India's regions
 * (Punjabi, Tamil, Telugu, Malayalam, Bengali, Marathi, Gujarati, Odia), Nepal, the Gulf's "Al"
 * family names written as one word, Egypt, the Levant, the Maghreb, Hausa, Igbo, Ethiopia and Eritrea,
 * Batak and Javanese, Malay, Chinese and Korean given names as romanised, Thai).
 * Written from general knowledge; lower-case, one space-separated string each so the module stays small.
 */

/** Common given names, lower-case. */
export const FIRST_NAMES_TEXT = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan jacob
gary nicholas eric jonathan stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter kyle ethan walter noah
jeremy christian keith roger terry gerald harold sean austin carl arthur lawrence dylan jesse jordan bryan
billy joe bruce gabriel logan albert willie alan juan wayne elijah randy roy vincent ralph eugene russell
bobby mason philip louis harry howard fred leonard dale craig todd luke shane cody derek travis chad curtis
marcus troy trevor bradley lance dustin corey cameron colin connor owen liam lucas oliver elliot evan ian
jared jake jamie jeff jim joel jon josh kurt leo lewis marshall martin max mitchell neil oscar phil ross ruben
seth spencer stanley stuart ted tom tony victor wade warren wesley brett bryce byron calvin chester clifford
clyde dean dwight earl edgar edwin elmer ernest floyd franklin gordon herbert herman hugh irving jay jerome
jimmy johnny julian kirk lee leon leroy lloyd lonnie luther marvin maurice melvin milton morris nelson norman
perry ray rex rodney ronnie roland sam sidney vernon wallace wilbur willard mary patricia jennifer linda
elizabeth barbara susan jessica sarah karen lisa nancy betty margaret sandra ashley kimberly emily donna
michelle carol amanda dorothy melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela
shirley anna brenda pamela emma nicole helen samantha katherine christine debra rachel carolyn janet catherine
maria heather diane ruth julie olivia joyce virginia victoria kelly lauren christina joan evelyn judith megan
andrea cheryl hannah jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa diana natalie brittany
charlotte marie kayla alexis lori alyssa ava chloe mia ella lily zoe zoey abby addison aubrey audrey bella
brooke caroline claire clara daisy eleanor ellie eva faith gabriella hailey harper hazel isla ivy jade jasmine
jenna jillian josephine julia kate katie kylie layla leah lila lillian lucy luna mackenzie madeline maya
melanie mila molly nora paige penelope piper riley rose ruby sadie savannah scarlett sienna skylar sofia
stella taylor vanessa violet willow aimee alison allison amelia april beth bethany bonnie caitlin candice
carla carmen cassandra cathy cecilia celeste chelsea cindy colleen courtney crystal dana dawn desiree edith
eileen elaine ellen erica erin esther ethel eunice felicia fiona florence gail georgia gina gwen holly ida
irene iris jane jill joanna jocelyn jodi johanna kara kari kathy katrina kelsey kendra krista kristen kristin
leslie lindsay lindsey loretta lorraine lydia lynn mabel marcia margot marian marianne marsha maureen mildred
miranda monica nadia naomi nina norma olive pauline peggy phyllis priscilla regina renee rhonda rita roberta
robin rosa rosemary roxanne sabrina sally shannon sheila sherry sonia stacy sue sylvia tamara tammy tanya tara
tina tracy ursula valerie vera veronica vicky wanda wendy yvonne hans jürgen klaus uwe wolfgang dieter günter
gunter horst helmut manfred werner heinz gerhard karl heinrich friedrich fritz ernst otto hermann wilhelm
ludwig rolf rainer bernd jörg joerg stefan stephan thorsten torsten dirk holger matthias markus tobias lukas
jonas finn felix maximilian moritz niklas elias luis jan tim timo florian sebastian benedikt johannes jakob
simon philipp fabian dominik marcel pascal kai lars sven nils malte ole hannes henrik till jens volker ulrich
günther reinhard siegfried ingo axel detlef norbert bernhard andreas christoph ingrid helga gisela renate
monika petra sabine claudia birgit gabriele susanne heike karin martina anja katja stefanie lena lea leonie
sophie emilia lina luisa frieda greta mathilda amelie jana franziska katharina annika wiebke silke anke elke
frauke imke heidi hildegard irmgard liselotte erika elfriede gertrud brigitte waltraud edeltraud dagmar
magdalena marlene rosemarie pieter piet willem wim hendrik henk gerrit gert cornelis kees jacobus koen bram
daan sem thijs bas joost maarten sander stijn niels rik wouter jeroen bart floris gijs hugo luuk milan mees
olivier teun tijn wessel sjoerd ewout lieven jef jozef wout anouk femke fleur floor ilse inge ineke janneke
joke josien lotte maaike marieke mirjam noor roos saskia sanne sofie tess wilma willemijn annelies anneke
geertje hanneke liesbeth marijke nienke pierre jacques michel philippe alain bernard christophe nicolas
françois francois laurent thierry sébastien sebastien julien antoine guillaume mathieu matthieu maxime
alexandre romain raphaël raphael jules léo théo theo enzo clément clement baptiste benoît benoit cédric cedric
damien didier emmanuel étienne etienne fabien frédéric frederic gérard gerard gilles grégoire hervé herve
jérôme joël lionel loïc loic marc mickaël quentin rémi remi rené rene serge sylvain thibault thibaut xavier
yann yves nathalie isabelle sylvie françoise francoise martine monique valérie sandrine stéphanie céline
celine aurélie aurelie émilie emilie camille léa manon chloé inès ines louise ambre agathe margaux mathilde
océane oceane juliette clémence clemence élodie elodie laetitia laëtitia mélanie virginie véronique veronique
dominique hélène helene jeanne josette odette simone yvette ginette colette paulette huguette aimée amélie
anaïs anais apolline capucine cécile cecile delphine estelle fanny gaëlle gaelle geneviève genevieve josiane
lucie maëlle maelle marine mireille morgane noémie noemie romane solène solene suzanne sylviane vivienne
giuseppe giovanni antonio mario luigi francesco angelo vincenzo pietro salvatore carlo franco domenico bruno
paolo michele giorgio aldo sergio luciano roberto marco stefano alessandro luca matteo lorenzo leonardo
riccardo tommaso edoardo federico davide filippo emanuele nicola daniele fabio massimo maurizio claudio enrico
alberto alfredo arturo cesare dario ernesto ettore fausto gianni gianluca gino guido ivo lino livio mauro nino
orlando ottavio renato renzo rocco sandro silvio tullio umberto valerio vittorio giuseppina giovanna lucia
carmela caterina francesca antonietta paola giulia chiara aurora ginevra giorgia beatrice elena alessia
valentina federica silvia simona elisa cristina daniela patrizia raffaella serena stefania tiziana arianna
bianca camilla carlotta eleonora gaia ilaria ludovica margherita noemi viola loredana ornella graziella marisa
rosaria concetta assunta filomena josé manuel francisco javier carlos jesús jesus alejandro miguel rafael
pedro ángel angel pablo fernando jorge álvaro alvaro diego adrián adrian raúl raul enrique ramón ramon vicente
andrés andres joaquín joaquin santiago víctor eduardo ignacio jaime marcos alfonso gonzalo rubén iván ivan
óscar emilio guillermo julio agustín agustin césar cesar domingo esteban felipe gerardo gustavo héctor hector
hernán hernan horacio marcelo martín mateo matías matias maximiliano nicolás octavio pascual patricio ricardo
rodrigo salvador sebastián tomás tomas ulises valentín valentin benito bernardo cristian cristóbal emiliano
ezequiel fabián facundo gael joaquim leandro lisandro mauricio rolando thiago maría josefa isabel dolores
pilar ana marta antonia francisca lucía mercedes rosario paula raquel concepción concepcion manuela juana
beatriz alicia montserrat nuria rocío rocio encarnación encarnacion inmaculada natalia sofía camila valeria
gabriela mariana ximena jimena catalina florencia agustina micaela luciana guadalupe adriana alejandra alma
amparo araceli belén belen blanca carolina consuelo elvira esperanza estela fernanda graciela inés leticia
liliana lorena lourdes luz marisol maribel milagros miriam mónica noelia olga paloma remedios soledad susana
verónica yolanda joão joao paulo tiago diogo luís luiz antônio rui nuno vasco afonso duarte gonçalo goncalo
henrique martim caio davi heitor murilo otávio otavio sérgio vinícius vinicius matheus inês leonor matilde
lara joana catarina madalena margarida luana larissa letícia juliana bruna jéssica patrícia vitória vitoria
isadora lívia livia helena alícia heloísa heloisa yasmin rosana tânia tania erik anders johan per olof gustav
magnus mikael björn bjorn fredrik mattias oskar filip emil viktor albin anton arvid ebbe egil einar elis
erland folke gösta gosta göran goran gunnar halvard harald hjalmar ingvar ivar jarl kjell knut lennart leif
mats ola olle ragnar rune sigurd stig sune tage torbjörn torbjorn tore ulf valdemar vidar viggo åke ake bengt
bertil birger bo börje borje christer conny dag staffan tommy thor tor sigurdur kristina kerstin birgitta
elisabeth margareta maja elsa ebba astrid saga freja agnes alva selma signe tilda linnea klara stina frida
lovisa tuva thea märta sigrid solveig ingeborg ragnhild gudrun hedda liv silje tone randi hilde berit bodil
gerd ase britt malin therese jenny pernilla ulrika mette pia dorthe hanne lone trine birthe inger lis tove
lykke nanna frederikke karoline mikko juha matti antti jari pekka jukka markku mika hannu heikki sami petri
ville janne tuomas lauri eero eino veikko väinö vaino aleksi arttu ilkka jussi kalle kimmo lasse niko olli
onni paavo pasi pentti raimo reijo risto seppo tapani tapio teemu toni tuomo urho vesa joni jouni kalevi kauko
keijo juhani aapo aatu akseli eetu juho leevi luka anne tuula päivi paivi pirjo sari riitta leena marja kaisa
minna tiina hanna liisa eeva elina aino aada venla siiri pihla kerttu iida ilona inkeri irja kaarina kirsi
maija marjatta merja mirja nelli noora oona outi pauliina raija ritva sanna seija sirpa tarja terhi tuulikki
ulla vuokko aila aune eila elli hilkka impi jón sigurður guðmundur gudmundur ólafur olafur kristján kristjan
magnús stefán jóhann johann árni arni helgi halldór halldor þór haraldur óskar pétur petur bjarni birgir davíð
egill eiríkur eirikur finnur gísli gisli hjalti hrafn ingólfur ingolfur jökull kári kjartan ómar omar páll
pall sindri snorri sveinn þorsteinn thorsteinn ævar guðrún kristín sigríður sigridur margrét margret sigrún
sigrun ingibjörg ingibjorg jóhanna katrín katrin elín elin ásta asta björk bjork hildur hulda lilja rakel
ragnheiður sólveig steinunn unnur valgerður þóra thora aldís aldis birna dagný dagny erla harpa heiða hrefna
íris kolbrún kolbrun sunna piotr krzysztof andrzej tomasz paweł pawel michał michal marcin jakub łukasz lukasz
mateusz kamil dawid maciej marek grzegorz józef stanisław stanislaw zbigniew jerzy tadeusz ryszard kazimierz
wojciech mariusz rafał rafal szymon bartosz bartłomiej przemysław przemyslaw przemek zdzisław dariusz janusz
henryk leszek mirosław roman waldemar witold zygmunt wiesław juliusz bogdan bolesław czesław damian franciszek
igor konrad patryk radosław sławomir wiktor katarzyna małgorzata malgorzata agnieszka krystyna ewa elżbieta
elzbieta zofia danuta jadwiga aleksandra karolina beata dorota halina irena jolanta grażyna grazyna iwona
justyna kinga paulina patrycja sylwia urszula weronika wiktoria zuzanna oliwia alicja milena bożena bozena
stanisława petr josef pavel jiří jiri jaroslav tomáš miroslav zdeněk zdenek václav vaclav františek frantisek
karel lukáš ondřej ondrej vladimír vladimir stanislav ladislav radek antonín antonin aleš ales bohumil
bohuslav dušan dusan hynek jindřich jindrich libor luboš lubos matěj matej oldřich oldrich přemysl premysl
radim rostislav vít vit vojtěch vojtech zbyněk zbynek hana lenka kateřina katerina věra alena jaroslava
ludmila veronika michaela jitka zdeňka zdenka tereza barbora markéta marketa kristýna kristyna ivana zuzana
eliška eliska adéla adela natálie klára šárka sarka vlasta blanka božena libuše libuse milada miroslava renata
romana vladimíra yvona lászló laszlo istván istvan józsef jozsef jános janos zoltán zoltan sándor sandor gábor
gabor ferenc attila péter tamás tamas zsolt tibor andrás andras csaba imre lajos györgy gyorgy balázs balazs
róbert mihály mihaly károly karoly dániel gergely ádám bence dávid levente máté mate márton marton botond béla
bela dezső ernő géza geza gyula kálmán kalman miklós miklos nándor ottó pál pal szabolcs tivadar vilmos mária
erzsébet erzsebet katalin éva zsuzsanna margit judit ágnes krisztina mónika edit szilvia anita beáta ildikó
ildiko eszter tímea timea viktória viktoria zsófia zsofia réka reka nóra dóra dora boglárka boglarka kitti
orsolya piroska rozália terézia gizella irén jolán magdolna szabina hajnalka emese enikő eniko csilla tünde
tunde janez franc jože joze marko andrej jure rok tadej žiga ziga gregor primož primoz boštjan bostjan matjaž
matjaz jožef blaž blaz miha nejc tomaž tomaz uroš uros vid marija mojca mateja katarina tanja andreja nataša
natasa špela spela urška urska tjaša tjasa alenka darja jasna metka polona sabina vesna josip stjepan tomislav
zoran dragan nikola ante petar ivica darko davor damir hrvoje krešimir kresimir mladen zlatko željko zeljko
boris branko dalibor denis dino jakov nenad siniša sinisa slaven srećko srecko tihomir vedran zvonimir miloš
milos nemanja aleksandar vuk lazar đorđe djordje bojan dejan đoko djoko milorad radovan slobodan vladan žarko
zarko mirjana kata ljubica snježana snjezana jelena sanja tatjana dragana gordana biljana jasmina milica
nevena nikolina lucija lana ema iva aleksandr alexandr aleksei alexei alexey sergei sergey dmitri dmitry
andrei andrey mikhail nikolai nikolay yevgeny evgeny evgeni oleg yuri yury maxim maksim artem artyom
konstantin vadim vasily vasili gennady grigory ilya kirill leonid matvei nikita pyotr stepan timur valery
vitaly vyacheslav yaroslav zakhar arkady egor fyodor fedor gleb ruslan semyon timofei lev arseny daniil
tatiana tatyana natalya yelena irina svetlana marina lyudmila galina nadezhda ekaterina yekaterina anastasia
yulia oksana larisa lidia alla zoya raisa polina darya daria ksenia kseniya alina alisa arina sofiya milana
alyona inna margarita lyubov zhanna zinaida yana taisiya ulyana vasilisa akhmed ahmed magomed ramzan aslan
islam rustam said salman shamil umar usman zelimkhan apti arbi bislan dzhokhar khasan khusein ibragim idris
ilyas isa musa movsar sultan zaur alikhan aminat amina zarema kheda khava madina malika petimat seda zaira
zalina yakha liana luiza markha georgios giorgos ioannis giannis konstantinos kostas dimitrios dimitris
nikolaos nikos panagiotis vasileios vasilis christos athanasios thanasis michail michalis evangelos vangelis
spyridon spyros antonios stavros alexandros theodoros petros charalampos emmanouil manolis ilias stelios
apostolos kyriakos sotirios anastasios pavlos savvas eleni aikaterini vasiliki angeliki dimitra konstantina
paraskevi eirini irini panagiota despina theodora athanasia evangelia kalliopi stavroula chrysa ioanna
alexandra fotini argyro mehmet mustafa ahmet ali hüseyin huseyin hasan ibrahim ismail osman yusuf murat ömer
omer ramazan halil süleyman suleyman abdullah mahmut recep fatih emre burak can cem deniz eren kemal kerem
mert onur orhan serkan tolga tuncay volkan yasin yiğit yigit hakan selim erkan erdem gökhan gokhan umut fatma
ayşe ayse emine hatice zeynep elif meryem şerife serife zehra hanife merve özlem ozlem yasemin esra büşra
busra derya ebru gül gul hülya hulya leyla melek nur sibel songül tuba muhammad mohammed mohamed mohammad
ahmad hassan hussein husayn hussain youssef khalid khaled abdul abdulrahman abdulaziz hamza bilal tariq tarek
karim kareem samir salim saleh faisal fahad nasser nabil rashid rami ziad zaid hamid majid mahmoud mostafa
jamal walid yasser yasir adnan anwar bassam emad fadi fares ghassan haitham hisham imad issa jalal jihad kamal
mansour marwan munir nadir nizar osama qasim raed riad sharif suleiman talal waleed wassim zakaria fatima
aisha ayesha khadija maryam mariam zainab zaynab amira leila laila nour huda hanan salma yasmine rania reem
dina rana samira farah hiba iman jamila karima latifa lubna maha malak manal mona nada najwa nawal rasha rima
sahar samar suha wafa zahra zeina reza hossein mehdi amir saeed morteza javad abbas akbar alireza babak bahram
behrouz cyrus dariush darius davood ebrahim farhad farid farshid hamed hooshang iraj kamran kaveh kourosh
masoud mehran mohsen nader navid omid parviz payam pouya ramin rostam shahram siavash sina soroush vahid
fatemeh zeinab masoumeh sakineh mahsa mina nasrin parisa roya shirin soheila tahereh azadeh bahar elham
farzaneh golnar haleh laleh mahnaz marjan mitra nazanin neda niloufar parvaneh shabnam simin taraneh yasaman
ziba raj rahul amit anil sunil vijay sanjay ajay rakesh ramesh suresh mahesh dinesh rajesh mukesh ashok arun
ravi kumar deepak manoj pradeep sandeep vikram vivek nikhil rohit rohan arjun aditya akash ankit ashish gaurav
harsh kunal naveen pankaj prakash rajiv sachin sameer sanjeev shyam siddharth sumit tarun varun vinod yash
abhishek anand anurag arvind bharat chandra dev gopal hari jatin karan krishna lalit madhav mohan narendra
nitin prem rahim sunny uday venkat priya pooja neha anjali divya kavita sunita rekha meena geeta sita lakshmi
lata radha rani savita shanti usha asha deepa jyoti kiran manisha nisha preeti rashmi ritu shweta sneha swati
aarti aishwarya ananya anushka bhavana chitra gayatri indira isha kajal kamala madhuri nandini padma parvati
riya sakshi sapna shreya shruti sonal tanvi uma vidya wei fang li na min jing lei jun yan hui yong jie ming
hong ping xin hua lin chen hao yu xiao jian qiang tao gang feng ling mei qing rong xia ying yun zhen zhi zhong
chun dong fei guang hai han jia kang lan lu peng qian shan ting wen xiu xue yang yi zhao zhuo hiroshi takashi
satoshi kenji takeshi yuki akira daisuke kazuki kenta ryota shota yusuke haruto sota yuto riku kaito hiroki
naoki tomohiro masato makoto koji shinji tetsuya yoshiro yoshio kazuo kenichi taro ichiro jiro saburo hideo
hideki isamu katsuo kiyoshi masahiro masaru minoru noboru osamu ryo shigeru shin susumu tadashi takumi tatsuya
toru toshiro yasushi yoshida yuji yuko yoko keiko kazuko akiko michiko hiroko sachiko tomoko naoko emi yumi
mayumi ayumi yui hina sakura aoi rin yuna miyu airi haruka nanami misaki yuka kaori megumi aya asuka chie
chihiro eri fumiko hanako hitomi junko kanako kumiko mai maki mami mariko midori miho miki momoko nana noriko
reiko rie risa saki sayaka shiori takako toshiko yoshiko min-jun minjun ji-hoon jihoon seo-jun hyun-woo
sung-min jae-hyun dong-hyun young-ho sang-woo joon-ho kyung-soo jin hyun seung sung young min-seo seo-yeon
ji-woo ha-eun soo-jin eun-ji hye-jin ji-yeon mi-young yoon-seo minh anh duc dung hung hieu huy khanh long nam
phong quang son thanh thang trung tuan viet bao cuong dat hoang khoa linh lam loc nghia phuc quan tam thinh
toan tu vinh hoa huong hanh hien ngoc nhung phuong thao thu thuy trang trinh uyen yen somchai somsak somporn
sompong prasert suchart surachai wichai anan chaiya kittisak niran pichai sombat sakchai malee siriporn somsri
sunee wanida kanya ratana pranee nittaya chinedu chukwuemeka emeka obinna ikenna nnamdi uchenna ifeanyi chidi
chibuike kelechi chima obiora nonso tochukwu ebuka chiamaka ngozi adaeze amaka chioma nneka ifeoma uju ada
nkechi obioma chinonso chidinma abdi abdullahi mahad abdirahman abdiqani hodan hawa halima faadumo fadumo
tendai farai tafadzwa rutendo chipo nyasha tatenda kudzai tinashe tapiwa tawanda tonderai rumbidzai ruvimbo
chiedza fadzai kudakwashe munyaradzi panashe runako simbarashe tafara tanaka tariro tsitsi vimbai ropafadzo
shingai takudzwa tinotenda kundai mufaro ngonidzashe anesu wanjiru wambui njeri wanjiku nyambura achieng
atieno akinyi awino adhiambo otieno ochieng omondi odhiambo onyango kamau mwangi njoroge kariuki kiprop cherono
chebet jepkosgei wekesa wafula barasa thandiwe lindiwe nomsa bongani thabo palesa karabo tumelo lwazi sizwe
siyabonga zodwa andile lungile xolani vusi thandeka nokwanda efua adewale babatunde folake funke bolaji
oluwadamilare oyinkansola wati aigerim aizhan aruzhan nursultan yerlan askar daulet sione tavita malakai
siaosi losana salote vailea akanesi aung kyaw htet zaw thant naing nyein hla myint sok srey vuthy sophea sokha
bopha chanthou visal farhana sadia rubina rashida jahanara shahida masud rakib rashed sohel tanvir ahsan nadeem
naveed sajid shahid waqar zubair iqra mehwish saima maricel rodel marites jonel arnel jericho marivic jovelyn
analyn rommel jomar jhun wayan ketut komang gede kadek aroha wiremu hemi rawiri tama kiri hine ngaire tipene
manaia tupac
khadra sahra sagal ubah yonas tesfaye dawit kidane mebrahtu bereket haile tekle yohannes filmon semere amanuel
senait mehret rahel yordanos eden feven moshe avraham abraham yosef yossi yitzhak itzhak yaakov shlomo eitan
ariel noam itai lior yonatan uri guy ron nir tal ido avi dov eli gil shai ziv rivka tamar noa shira yael orly
hadas keren liat limor merav netta ronit sigal talia tali amaru naaja aputsiaq malik nuka inuk pipaluk
paninnguaq ivalu nivi arnaq aviaja ken declan seamus ciaran aidan conor niall ronan eoin darragh fergal finbar
kieran padraig rory siobhan aoife niamh saoirse sinead roisin orla grainne maeve ciara caoimhe clodagh deirdre
eilidh mhairi morag ailsa alasdair angus callum calum duncan euan fraser hamish iain lachlan murdo ruaridh
adrienne aileen alana alexa alexandria allie althea ami angelica angelina angie annabelle annette annie
antoinette ariana arlene ashlee ashleigh audra autumn avery becky belinda belle bernadette bernice bertha
beryl bessie betsy billie blanche bobbie brandi brandy breanna briana brianna bridget brittney caitlyn callie
candace cara carissa carly carrie casey cassidy cassie celia chantal charlene charlie chelsey christa christie
christy constance cora corinne dakota daphne darla darlene deanna debbie delia della delores destiny dianne
doreen edna effie elise eliza eloise elsie esmeralda etta eugenia evangeline eve faye fern flora francine
freda gabrielle geraldine gertrude ginger gladys glenda goldie gretchen gwendolyn hallie harriet hattie
henrietta hilda hillary hope imogen irma jackie jacquelyn janelle janie janine jeanette jennie jessie jewel jo
joann joanne jodie jody josie joy juanita julianne june justine kaitlyn karina karla katelyn katharine kay
kelli kellie kerry kim kitty kristi kristine kristy krystal lacey latoya laurel laurie laverne leona lesley
liz liza lois lola lora lorna louisa lucille lucinda luella lula lynda lynette lynne madeleine madge mae
maggie mamie mandy marcella marcy margie marguerite mariah marion marjorie marla maryann matilda maude maxine
may meghan melba melinda melody meredith merle millie mindy minnie misty mollie muriel myra myrtle nadine
nannie natasha nell nellie nettie nichole noreen opal ora pam pat patsy patti patty pearl penny phoebe polly
queen rachael rae ramona rebekah rena rhoda robyn rochelle rosalie rosalind rosie sallie sandy sasha selena
shana shari shawna shelby shelley shelly sheri sherri sheryl sierra sonja sonya stacey susie sybil tabitha
tami teri terri tessa thelma tiffany tonya tracey traci trisha trudy velma verna vicki vickie vivian whitney
willa winifred zelda abe ace alex alfred allan allen alonzo alton alvin amos andre andy archie arnold ashton
august barney barry benedict bennett benny bert bill blaine blake bob boyd brad braden bradford brady brendan
brent brock bryant buck bud buddy burt caleb carey carlton carson carter cecil chance chandler charley chase
chris chuck clarence clark claude clay clayton cleo cletus cliff clifton clint clinton colby cole coleman
conrad cooper cornelius cory curt dallas dalton damon dan dane danny dante darian darin darnell darrell darren
darryl daryl dave davis delbert derrick desmond devin devon dewey dexter dillon dominic don donnie donovan
doug doyle drake drew duane dudley duke dwayne ed eddie edmund elliott ellis elton elvis emanuel emerson emery
emmett ernie errol ervin everett ezra forrest francis frankie freddie freddy frederick gabe garrett garry
gavin gene geoffrey gilbert glen glenn grady graham grant greg gregg griffin gus hal hank harlan harley harris
harrison harvey hayden heath homer horace hubert hudson hunter ike ira irvin isaac isaiah jackson jarrod
jarvis jasper jefferson jeffery jeremiah jimmie joey johnnie jonah josiah judd jude julius kelvin kendall
kenny kent kermit kirby lamar leland lenny les lester levi lincoln loren lou louie lowell lyle mack malcolm
manny marlon marty matt maxwell mel micah mickey mike miles milo mitch monte monty morgan moses murray myron
nathaniel neal ned nick nicky noel nolan norm ollie orville otis parker percy pete pierce preston quincy
randall randolph reggie reginald reuben rick rickey ricky rob robbie rocky rod roderick rudolph rudy rufus
russ rusty sal sammy saul shaun shawn sheldon sherman sid silas stan stanford steve stewart sylvester teddy
terence terrance terrell theodore timmy toby trent tucker ty tyrone ulysses vance vern vic vince virgil walt
ward wendell wes wilbert wiley will willis wilson winston woodrow wyatt zack zak zeke steffen carsten jens-uwe
hans-peter karl-heinz klaus-dieter anneliese hannelore rosmarie ulrike
al priyanka srinivas kavya naresh kuldeep harpreet gurpreet manpreet jaspreet navdeep simran baljit sukhwinder
parminder harjit kapil ishaan vivaan reyansh saanvi aadhya revathi sowmya chaitanya harsha keerthi madhavi
ramya sravani swathi tejaswini yamini akshay abhinav aniket anirudh ankur anshul anuj anupam apoorva archana
arpita ashwin avinash bhavesh bhavna devendra harish hemant himanshu jayant kishore lokesh manish mayank mohit
nilesh nitesh omkar parth piyush pranav prateek praveen rajat rajeev ravindra rishabh sahil sanket saurabh
shailesh shashank shekhar shivam shreyas sudhir umesh vaibhav vipin vishal aakash akanksha ambika anjana
ankita aparna ashwini bhagyashree deepti garima harshita komal kriti kusum mamta megha namrata nandita neelam
nidhi pallavi poonam prachi pragya priti radhika reena renu richa roshni ruchi rupal sangeeta seema shalini
shivani shobha shraddha sonam sunaina tanuja vandana varsha balaji gopinath jayaraman karthikeyan kumaravel
madhan manikandan murali muthu palani prabhu raghu rajkumar saravanan senthil sivakumar sundar tamilselvan
thiru vasanth velu vignesh anbu arulmozhi bhuvana gomathi janaki jayanthi kalaivani kavitha kokila mahalakshmi
malathi nirmala padmavathi parvathi saranya shanthi sumathi thenmozhi vasanthi vijaya chiranjeevi nagarjuna
prabhas ramana satyanarayana srinivasa venkata anjaneyulu koteswara nageswara sairam sridevi lalitha anoop
biju jijo jithin jobin jomon libin linto nithin prasanth rejith renjith shibu sreejith sujith vineeth anju
aswathy athira lekshmi reshma sreeja abhijit anirban arnab debashish debjit indranil kaushik partha pritam
saikat sandip soumya subhajit sudipto tanmoy debjani moumita paromita piyali rituparna sayantani sudeshna
susmita asif kashif zeeshan waqas saleem aslam rizwan junaid shoaib amna farhan fawad haris hasnain mudassar
naeem nauman noman rehan sohail umair usama waseem zahid aqsa bushra ghazala iram mahnoor nimra rimsha shazia
sobia tayyaba uzma zunaira sumon shuvo sabbir tahmina ruma shapla mamun monir nazmul shafiq shahin farzana
jannat rumana sharmin sumaiya dipak ganga rabin nimal chaminda dilshan lakmal tharindu kasun nuwan sanjeewa
dilani nadeeka chathurika sanduni hansani ishara madushani nilmini sachini thilini upeksha buddhika chamara
chathura danushka isuru janaka kalana lahiru nalin ruwan sampath saman thilak upul saud turki majed hamad amr
sherif hazem hala amal shaima abdelrahman abdelaziz abdelhamid abdelfattah fathy hamdy helmy lotfy magdy
medhat refaat sayed wagdy yehia fouad galal shawky sabry hadj larbi lakhdar mokhtar noureddine redouane smail
tayeb fatiha naima rachida souad houria haruna hauwa hadiza segun kunle femi gbenga danladi dauda gambo jibrin
kabiru nasiru rabiu salisu shehu tijani umaru yahaya zubairu bilkisu rakiya salamatu ladi asabe chibuzor
chidera chigozie chukwudi ekene ikechukwu okechukwu somto ebere nkiruka oluchi onyinye ugochi sade abebe girma
tigist meron hirut almaz mekdes frehiwot hiwot kidist mahlet tsion yeshi yodit zewditu dereje berhanu fikre
tsegaye yirga zewdu fajar syafiq haziq aiman sekar yanti azlan faizal hafiz iskandar kamarul khairul mohd
nazri rosli shahrul zulkifli aishah azura hidayah khadijah nabilah norhayati rosnah safiyah xiaoming jianguo
jianhua guiying yulan haiyan zhiqiang xiaohong xiaoli xiaoyan xiaojun xiaowei xiaodong xiaofeng xiaoling
xiaomei jianjun jianping jianxin jianming zhiwei zhihua zhiyong zhigang haitao haibo haiyang weiwei jingjing
tingting yanyan lingling dandan mingming huihui chunhua chunmei dongmei guihua guilan guizhen hongmei hongxia
hongyan huiying junjie kaiwen lihua limei lijuan lijun liping meihua meiling minghua mingyu shuang shufen
shulan suying wenjun wenjie xiuzhen xiufang xiuhua xiulan yanhong yanping yanling yingying yufang yuhua yumei
yuying zhenhua zihan zixuan haoran yuxuan yichen zhiyuan yutong xinyi ruoxi yihan jiayi jiahui jiawei
zhengyang minseo jiwoo seoyeon seojun doyoon jiho junwoo hyunwoo minji jiyeon soyeon eunji hyejin jisoo seoyun
haeun jiwon subin yeji yujin dahyun chaeyoung nayeon jihyo jungkook taehyung namjoon seokjin yoongi hoseok
sungmin kyungsoo donghyun seungmin jaehyun taeyang minho sehun jongin baekhyun chanyeol junmyeon kyuhyun siwon
heechul eunhyuk donghae youngjae seulgi jaewon sangwoo sungho youngho kwangsoo myungsoo supaporn nattaya
chaiyaporn apinya arunee chaiwat chatchai jintana kanokwan kwanjai narong nipon pattama phichit pornthip
prayut rattana sasithorn somkiat sunisa supachai surasak thanawat thanakorn wanchai wirat yupin hinata akari
daiki yumiko asahi haruki hayato kazuya keita koki kosuke naoto ryusei takuya tomoya yamato yuta yuya aiko
ayaka ayano hikari honoka kyoko mizuki momoka natsuki
`;

/** Common family names, lower-case (particles such as "van" or "de" are handled by the recognizer). */
export const SURNAMES_TEXT = `
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson
anderson thomas taylor moore jackson martin lee perez thompson white harris sanchez clark ramirez lewis
robinson walker young allen king wright scott torres nguyen hill flores green adams nelson baker hall rivera
campbell mitchell carter roberts gomez phillips evans turner diaz parker cruz edwards collins reyes stewart
morris morales murphy cook rogers gutierrez ortiz morgan cooper peterson bailey reed kelly howard ramos kim
cox ward richardson watson brooks chavez wood james bennett gray mendoza ruiz hughes price alvarez castillo
sanders patel myers long ross foster jimenez powell jenkins perry russell sullivan bell coleman butler
henderson barnes gonzales fisher vasquez simmons romero jordan patterson alexander hamilton graham reynolds
griffin wallace moreno west cole hayes bryant herrera gibson ellis tran medina aguilar stevens murray ford
castro marshall owens harrison fernandez mcdonald woods washington kennedy wells vargas henry chen freeman
webb tucker guzman burns crawford olson simpson porter hunter gordon mendez silva shaw snyder mason dixon
munoz hunt hicks holmes palmer wagner black robertson boyd rose stone salazar fox warren mills meyer rice
schmidt garza daniels ferguson nichols stephens soto weaver ryan gardner payne grant dunn kelley spencer
hawkins arnold pierce vazquez hansen peters santos hart bradley knight elliott cunningham duncan armstrong
hudson carroll lane riley andrews alvarado ray delgado berry perkins hoffman johnston matthews pena richards
contreras willis carpenter lawrence sandoval guerrero george chapman rios estrada ortega watkins greene nunez
wheeler valdez harper burke larson santiago maldonado morrison franklin carlson austin dominguez carr lawson
jacobs obrien lynch singh vega bishop montgomery oliver jensen harvey williamson gilbert dean sims espinoza
howell li wong reid hanson mccoy garrett burton fuller wang weber welch rojas lucas marquez fields park yang
little banks padilla day walsh bowman schultz luna fowler mejia davidson acosta brewer may holland juarez
newman pearson curtis cortez douglas schneider joseph barrett navarro figueroa keller avila wade molina
stanley hopkins campos barnett bates chambers caldwell beck lambert miranda byrd craig ayala lowe frazier
powers neal leonard gregory carrillo sutton fleming rhodes shelton schwartz norris jennings watts duran
walters cohen mcdaniel moran parks steele vaughn becker holt deleon barker terry hale leon hail benson haynes
horton miles lyons pham graves bush thornton wolfe warner cabrera mckinney mann zimmerman dawson lara fletcher
page mccarthy love robles cervantes solis erickson reeves chang klein salinas fuentes baldwin daniel simon
velasquez hardy higgins aguirre lin cummings chandler sharp barber bowen ochoa dennis robbins liu ramsey
francis griffith paul blair oconnor cardenas pacheco cross calderon quinn moss swanson chan rivas khan rodgers
serrano fitzgerald rosales stevenson christensen manning gill curry mclaughlin harmon mcgee gross doyle garner
newton burgess reese walton blake trujillo adkins brady goodman roman webster goodwin fischer huang potter
delacruz montoya todd wu hines mullins castaneda malone cannon tate mack sherman hubbard hodges zhang guerra
wolf valencia saunders franco rowe gallagher farmer hammond hampton townsend ingram wise gallegos clarke
barton schroeder maxwell waters logan camacho strickland norman person colon parsons frank harrington glover
osborne buchanan casey floyd patton ibarra ball tyler suarez bowers orozco salas cobb gibbs andrade bauer
conner moody escobar mcguire lloyd mueller hartman french kramer mcbride pope lindsey velazquez norton
mccormick sparks flynn yates hogan marsh macias villanueva zamora pratt stokes owen ballard lang brock
villarreal charles drake barrera cain patrick pineda burnett mercado santana shepherd bautista ali shaffer
lamb trevino mckenzie hess olsen cochran morton nash wilkins petersen briggs shah roth nicholson holloway
lozano rangel flowers hoover short arias mora valenzuela bryan meyers weiss underwood bass greer summers
houston carson morrow clayton whitaker decker yoder collier zuniga carey wilcox melendez poole roberson larsen
conley davenport copeland massey lam huff rocha cameron jefferson hood monroe anthony pittman huynh randall
singleton kirk combs mathis christian skinner bradford richard galvan wall boone kirby wilkinson bridges bruce
atkinson velez meza roy vincent york hodge villa abbott allison tapia gates chase sosa sweeney farrell wyatt
dalton horn barron phelps yu dickerson heath foley atkins mathews bonilla acevedo benitez zavala hensley glenn
cisneros harrell shields rubio huffman choi boyer garrison arroyo bond kane hancock callahan dillon cline
wiggins grimes arellano melton oneill savage ho beltran pitts parrish ponce rich booth koch golden ware
brennan mcdowell marks cantu humphrey baxter sawyer clay tanner hutchinson kaur berg wiley gilmore russo
villegas hobbs keith wilkerson ahmed beard mcclain montes mata rosario vang walter henson oneal mosley mcclure
beasley stephenson snow huerta preston vance barry johns eaton blackwell dyer prince macdonald solomon guevara
stafford english hurst woodard cortes shannon kemp nolan mccullough merritt murillo moon salgado strong kline
cordova barajas roach rosas winters jacobson lester knox bullock kerr leach meadows orr davila whitehead
pruitt kent conway mckee barr david dejesus marin berger mcintyre blankenship gaines palacios cuevas bartlett
durham dorsey mccall odonnell stein browning stout lowery sloan mclean hendricks calhoun sexton chung gentry
hull duarte ellison nielsen gillespie buck middleton sellers leblanc esparza hardin bradshaw mcintosh howe
livingston frost glass morse knapp herman stark bravo noble spears weeks corona frederick buckley mcfarland
hebert enriquez hickman quintero randolph schaefer walls trejo house reilly pennington michael conrad giles
benjamin crosby fitzpatrick donovan mays mahoney valentine raymond medrano hahn mcmillan small bentley felix
peck lucero boyle hanna pace rush hurley harding mcconnell bernal nava ayers everett ventura avery pugh mayer
bender shepard mcmahon landry case sampson moses magana blackburn dunlap gould duffy vaughan herring mckay
espinosa rivers farley bernard ashley friedman potts truong costa correa blevins nixon clements fry delarosa
best benton lugo portillo dougherty crane haley phan villalobos blanchard horne finley quintana lynn esquivel
bean dodson mullen xiong hayden cano levy huber richmond moyer lim frye sheppard mccarty avalos booker waller
parra woodward jaramillo krueger rasmussen brandt peralta donaldson stuart faulkner maynard galindo coffey
estes sanford burch maddox vo oconnell vu andersen spence mcpherson church schmitt stanton leal cherry compton
dudley sierra pollard alfaro hester proctor lu hinton novak good madden mccann terrell jarvis dickson reyna
cantrell mayo branch hendrix rollins rowland whitney duke odom daugherty travis tang archer müller meier
schulz hoffmann hofmann schäfer richter schröder neumann schwarz zimmermann braun krüger hartmann lange werner
schmitz krause lehmann schmid schulze maier köhler koehler herrmann könig koenig kaiser fuchs scholz möller
moeller weiß jung schubert vogel friedrich günther guenther winkler lorenz baumann franke albrecht schuster
ludwig böhm boehm winter kraus schumacher krämer kraemer vogt jäger jaeger otto sommer groß seidel heinrich
haas schreiber graf schulte dietrich ziegler kuhn kühn pohl engel busch bergmann voigt sauer wolff pfeiffer
ernst gruber pichler moser steiner hofer leitner eder wimmer egger lechner mayr reiter brunner wallner aigner
binder ebner holzer koller lehner jong jansen vries dijk bakker janssen visser smit meijer boer mulder groot
bos vos hendriks leeuwen dekker brouwer wit dijkstra smits graaf meer linden kok haan vermeulen heuvel veen
broek bruijn bruin heijden schouten beek willems wijk hoekstra maas verhoeven koster prins blom huisman
peeters maes wouters claes goossens vermeersch mertens janssens lambrechts dubois dupont martens willaert smet
clercq verbeek vandenberghe vanderstraeten robert petit durand leroy moreau laurent lefebvre michel bertrand
roux fournier morel girard andre lefevre mercier bonnet francois legrand garnier faure rousseau blanc guerin
muller roussel nicolas perrin morin mathieu clement gauthier dumont fontaine chevalier robin masson gerard
denis lemaire duval joly gautier roger roche noel meunier jean marchand dufour marie barbier brun dumas brunet
leroux colin pierre renard arnaud rolland caron aubert giraud leclerc vidal bourgeois renaud lemoine picard
gaillard philippe leclercq lacroix fabre dupuis olivier hubert louis guillot riviere gall guillaume adam rey
moulin lecomte menard fleury deschamps carpentier julien benoit paris maillard marchal aubry vasseur renault
jacquet collet prevost poirier charpentier royer huet baron dupuy pons laine carre breton remy perrot guyot
barre marty cousin bouchard gagnon tremblay cote ouellet pelletier belanger levesque bergeron paquette simard
boucher beaulieu cloutier dube poulin fortin gagne thibault rossi ferrari esposito bianchi romano colombo
ricci marino greco bruno gallo conti luca mancini giordano rizzo lombardi moretti barbieri fontana santoro
mariani rinaldi caruso ferrara galli martini leone longo gentile martinelli vitale lombardo serra coppola
santis d'angelo marchetti parisi conte ferraro ferri fabbri bianco marini grasso valentini messina sala
angelis gatti pellegrini palumbo sanna farina rizzi monti cattaneo morelli amato silvestri mazza testa grassi
pellegrino carbone giuliani benedetti barone rossetti caputo montanari palmieri bernardi martino fiore rosa
ferretti bellini basile riva donati piras vitali battaglia sartori neri costantini milani pagano ruggiero
sorrentino d'amico orlando damico negri mazzini fiorentino rossini bruni gatto garcía rodríguez gonzález
fernández lópez martínez sánchez pérez gómez martín jiménez hernández díaz muñoz álvarez alonso gutiérrez
domínguez vázquez gil ramírez blanco suárez marín sanz núñez iglesias garrido cortés prieto méndez calvo
gallego león márquez peña carrasco diez caballero nieto pascual herrero lorenzo montero hidalgo giménez
gimenez ibáñez ibanez ferrer durán benítez vicente carmona crespo román pastor sáez saez velasco moya soler
esteban gallardo pardo merino izquierdo casado redondo vera otero luque galán galan ríos segura marcos marti
soriano ferreira pereira oliveira rodrigues martins jesus sousa souza fernandes gonçalves goncalves gomes
lopes marques alves almeida ribeiro pinto carvalho teixeira moreira correia mendes nunes soares vieira
monteiro cardoso raposo neves coelho cunha pires reis simões simoes antunes matos fonseca machado araújo
araujo barbosa tavares lourenço lourenco azevedo freitas melo dias barros cavalcanti moura nascimento batista
borges brito cabral farias figueiredo guimarães guimaraes leite lima macedo magalhães magalhaes medeiros
pinheiro queiroz rezende sampaio siqueira valente andersson johansson karlsson nilsson eriksson larsson olsson
persson svensson gustafsson pettersson jonsson jansson hansson bengtsson jönsson lindberg jakobsson magnusson
olofsson lindström lindstrom lindqvist lindgren axelsson bergström bergstrom lundberg lind lundgren lundqvist
mattsson berglund fredriksson sandberg henriksson forsberg sjöberg sjoberg wallin engström engstrom eklund
danielsson lundin håkansson hakansson björk bjork bergman gunnarsson holm wikström wikstrom samuelsson
isaksson fransson bergqvist nyström nystrom holmberg arvidsson löfgren lofgren söderberg soderberg nyberg
blomqvist claesson nordström nordstrom carlsson björklund bjorklund hedlund sundberg ström strom åberg aberg
ekström ekstrom holmgren johansen pedersen nilsen kristiansen karlsen johnsen pettersen eriksen haugen hagen
johannessen andreassen jacobsen dahl jørgensen jorgensen halvorsen henriksen lund sørensen sorensen jakobsen
moen gundersen iversen strand solberg svendsen eide knutsen martinsen paulsen bakken kristoffersen mathisen
lie amundsen lunde solheim berge moe nygård nygard bakke kristensen fredriksen lien hauge andresen haugland
thomassen madsen poulsen thomsen christiansen møller moller mortensen knudsen jepsen frederiksen laursen
olesen kjær kjaer dam korhonen virtanen mäkinen makinen nieminen mäkelä makela hämäläinen hamalainen heikkinen
koskinen järvinen jarvinen lehtonen lehtinen saarinen salminen heinonen niemi heikkilä heikkila kinnunen
salonen turunen salo laitinen tuominen rantanen karjalainen jokinen mattila savolainen lahtinen ahonen ojala
leinonen hiltunen miettinen leppänen leppanen väisänen vaisanen hirvonen kettunen aaltonen rintala lindholm
niskanen pelkonen halonen kallio manninen toivonen peltonen laaksonen räsänen rasanen mustonen valtonen
jónsson sigurðsson sigurdsson guðmundsson gudmundsson ólafsson olafsson einarsson kristjánsson kristjansson
magnússon stefánsson stefansson jóhannsson johannsson björnsson bjornsson árnason arnason helgason halldórsson
halldorsson þórsson thorsson ragnarsson haraldsson jónsdóttir jonsdottir sigurðardóttir sigurdardottir
guðmundsdóttir gudmundsdottir gunnarsdóttir gunnarsdottir ólafsdóttir olafsdottir einarsdóttir einarsdottir
kristjánsdóttir kristjansdottir magnúsdóttir magnusdottir stefánsdóttir stefansdottir jóhannsdóttir
johannsdottir björnsdóttir bjornsdottir nowak kowalski kowalska wiśniewski wisniewski wiśniewska wójcik wojcik
kowalczyk kamiński kaminski kamińska lewandowski lewandowska zieliński zielinski zielińska szymański szymanski
woźniak wozniak dąbrowski dabrowski kozłowski kozlowski jankowski mazur wojciechowski kwiatkowski kwiatkowska
krawczyk kaczmarek piotrowski grabowski zając zajac pawłowski pawlowski michalski król krol wieczorek
jabłoński jablonski wróbel wrobel nowakowski majewski olszewski stępień stepien malinowski jaworski adamczyk
dudek nowicki pawlak górski gorski witkowski walczak sikora baran rutkowski michalak szewczyk ostrowski
tomaszewski pietrzak zalewski wróblewski wroblewski marciniak jasiński jasinski zawadzki bąk bak jakubowski
sadowski duda włodarczyk wlodarczyk wilk chmielewski borkowski sokołowski sokolowski szczepański szczepanski
sawicki lis kucharski kucharska kalinowski wysocki maciejewski czarnecki kubiak kaczmarczyk mazurek novák
svoboda novotný novotny dvořák dvorak černý cerny procházka prochazka kučera kucera veselý vesely horák horak
němec nemec pokorný pokorny marek pospíšil pospisil hájek hajek král kral jelínek jelinek růžička ruzicka
beneš benes fiala sedláček sedlacek doležal dolezal zeman kolář kolar navrátil navratil čermák cermak urban
vaněk vanek blažek blazek kříž kriz kovář kovar kratochvíl kratochvil bartoš bartos vlček vlcek polák polak
musil kopecký kopecky šimek simek konečný konecny malý maly holub štěpánek stepanek kadlec novotná novotna
dvořáková dvorakova svobodová svobodova nováková novakova černá cerna procházková prochazkova kučerová
kucerova veselá vesela horáková horakova nagy kovács kovacs tóth toth szabó szabo horváth horvath varga kiss
molnár molnar németh nemeth farkas balogh papp takács takacs juhász juhasz lakatos mészáros meszaros oláh olah
rácz racz fekete szilágyi szilagyi török torok fehér feher balázs balazs gál gal kis szűcs szucs kocsis orsós
orsos pintér pinter fodor szalai sipos magyar lukács lukacs gulyás gulyas biró biro király kiraly katona
lászló laszlo jakab bogdán bogdan balog sándor sandor boros fazekas kelemen antal orbán orban somogyi vincze
veres szőke szoke fülöp fulop horvat kovačič kovacic krajnc zupančič zupancic kos vidmar golob turk kralj
božič bozic korošec korosec bizjak zupan hribar kotnik kavčič kavcic rozman kastelic oblak petek žagar zagar
hočevar hocevar košir kosir koren klemenčič klemencic zajc knez medved mlakar kovačević kovacevic babić babic
marić maric jurić juric kovačić knežević knezevic vuković vukovic marković markovic petrović petrovic matić
matic tomić tomic pavlović pavlovic kovač kovac božić blažević blazevic grgić grgic pavić pavic radić radic
perić peric šarić saric lovrić lovric vidović vidovic perković perkovic popović popovic jovanović jovanovic
nikolić nikolic ilić ilic đorđević djordjevic stojanović stojanovic stanković stankovic ivanović ivanovic
ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov alekseev
lebedev semenov egorov pavlov kozlov stepanov nikolaev orlov andreev makarov nikitin zakharov zaitsev solovyov
borisov yakovlev grigoriev romanov vorobyov sergeev kuzmin frolov aleksandrov dmitriev korolev gusev kiselev
ilyin maksimov polyakov sorokin vinogradov kovalev belov medvedev antonov tarasov zhukov baranov filippov
komarov davydov belyaev gerasimov bogdanov osipov sidorov matveev titov markov mironov krylov kulikov karpov
vlasov melnikov denisov gavrilov tikhonov kazakov afanasiev danilov savelyev timofeev fomin chernov abramov
martynov efimov fedotov shcherbakov nazarov kalinin isaev chernyshev bykov maslov rodionov konovalov lazarev
voronin klimov filatov ponomarev golubev kudryavtsev prokhorov naumov potapov zhuravlev ovchinnikov trofimov
leonov sobolev ermakov kolesnikov goncharov emelyanov nikiforov grachev kotov grishin efremov arkhipov gromov
kirillov malyshev panov moiseev rumyantsev akimov kondratyev biryukov gorbunov anisimov eremin tikhomirov
galkin lukyanov mikheev skvortsov yudin belousov nesterov simonov prokofiev kharitonov knyazev tsvetkov levin
mitrofanov voronov aksenov sofronov maltsev loginov gorshkov savin krasnov mayorov demidov eliseev rybakov
safonov plotnikov demin khokhlov fadeev molchanov ignatov litvinov ershov ushakov dementiev ryabov mukhin
kalashnikov nikolsky ivanova smirnova kuznetsova popova vasilieva petrova sokolova mikhailova novikova
fedorova morozova volkova alekseeva lebedeva semenova egorova pavlova kozlova stepanova nikolaeva orlova
andreeva makarova nikitina zakharova zaitseva solovyova borisova yakovleva grigorieva romanova vorobyova
sergeeva kuzmina frolova aleksandrova dmitrieva koroleva guseva kiseleva ilyina maksimova polyakova sorokina
vinogradova kovaleva belova medvedeva antonova tarasova zhukova baranova vasilyeva denisova shevchenko
kovalenko bondarenko tkachenko kravchenko oliynyk shevchuk koval polishchuk boyko bondar tkachuk marchenko
lysenko rudenko savchenko petrenko klymenko pavlenko melnyk moroz kovalchuk ponomarenko kharchenko levchenko
karpenko vlasenko yurchenko sydorenko kadyrov dudayev basayev maskhadov yandarbiyev umarov gakayev dzhabrailov
magomedov abdulaev aliev aliyev akhmadov alkhanov baisarov bakayev batayev dadayev daudov edelgeriev gaziev
ibragimov israilov khasanov khatuev mezhidov musayev saidov tsakayev yusupov zakayev papadopoulos papadopoulou
georgiou dimitriou nikolaou konstantinou ioannou christodoulou vasileiou papageorgiou oikonomou antoniou
karagiannis pappas makris alexiou athanasiou petrou michailidis papadakis papanikolaou angelopoulos economou
theodorou kyriakou panagiotou stavrou charalambous georgiadis christou demetriou yılmaz yilmaz kaya demir
şahin sahin çelik celik yıldız yildiz yıldırım yildirim öztürk ozturk aydın aydin özdemir ozdemir arslan doğan
dogan kılıç kilic aslan çetin cetin kara koç koc kurt özkan ozkan şimşek simsek polat erdoğan erdogan korkmaz
güneş gunes aktaş aktas bulut özer ozer karataş karatas acar altın altin avcı avci al-sayed alsayed hassan
hussein ibrahim mahmoud mansour khalil haddad nasser saleh salem hamdan darwish abdullah rahman rahim qureshi
siddiqui hashemi husseini najjar khoury aziz farouk karim amin said yousef youssef bakr othman masri tamimi
zidan awad ghanem habib jaber kassem mourad nassar rashed sabbagh shaker sultan hosseini ahmadi mohammadi
rezaei moradi karimi jafari rahimi mousavi heidari sadeghi ghasemi mahmoudi kazemi ebrahimi asadi zare naderi
rostami abbasi salehi bagheri shirazi tehrani esfahani akbari amini farahani ghorbani nazari najafi razavi
sohrabi yazdani sharma kumar gupta mehta jain agarwal verma reddy rao iyer nair menon pillai bose banerjee
chatterjee mukherjee ghosh sen dutta chakraborty bhattacharya joshi kulkarni desai deshpande pandey mishra
tiwari dubey yadav chauhan thakur malhotra kapoor khanna bhatia chopra arora sethi saxena srivastava trivedi
pandit naidu krishnan subramanian venkatesh raman murthy gowda hegde shetty bhat zhao zhou xu sun ma zhu hu
guo he gao luo zheng liang xie song han feng deng cao peng zeng xiao tian dong yuan pan cai jiang ye cheng wei
su ding ren shen yao cui zhong tan fan jin shi liao jia xia fu fang zou bai meng qin qiu hou yin xue yan duan
lei shao qian tao kong mao hao sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato
yoshida yamada sasaki yamaguchi matsumoto inoue kimura hayashi shimizu yamazaki mori abe ikeda hashimoto
yamashita ishikawa nakajima maeda fujita ogawa goto okada hasegawa murakami kondo ishii saito sakamoto endo
aoki fujii nishimura fukuda ota miura fujiwara okamoto matsuda nakagawa nakano harada ono tamura takeuchi
kaneko wada nakayama ishida ueda morita hara shibata sakai kudo yokoyama miyazaki miyamoto uchida takagi ando
taniguchi ohno maruyama imai takada fujimoto takeda murata ueno sugiyama masuda sugawara hirano kojima otsuka
chiba kubo matsui iwasaki sakurai kinoshita noguchi matsuo nomura kikuchi sano onishi sugimoto arai fukushima
jeong kang cho yoon jang oh seo shin kwon hwang ahn jeon hong yoo ko son bae baek heo nam shim noh ha kwak
sung cha joo woo koo min ryu na ji um chae won cheon bang gong hyun hoang dang bui do ngo duong ly dinh trinh
mai luong okafor okonkwo eze nwosu okeke obi nnadi chukwu okoro ogbu onyeka uzoma ibe nwachukwu okonjo achebe
moyo sibanda ncube nyathi mpofu chikwanha mutasa chiweshe mlambo maposa makoni chinamasa mapfumo mudzingwa
chigumba marufu mukanya kamau mwangi njoroge kariuki otieno ochieng omondi odhiambo onyango kimani maina ngugi
kiplagat kipchoge rotich kiprono koech mutua musyoka wambua mokoena shabalala agyeman addo adeyemi ogunleye
chaudhry chaudhary choudhury hossain akter akhter begum khatun sarkar mondal talukdar bhuiyan chowdhury miah
uddin perera dissanayake jayawardena bandara wickramasinghe gunawardena rajapaksa senanayake herath kumara
ratnayake jayasuriya wijesinghe aung kyaw htet zaw thein naing chea heng meas akhmetov omarov abenov tuilagi
fifita taufa tupou havili vainikolo dimaculangan macapagal dimagiba magbanua manalo mangubat pangilinan
pagdanganan dimaano lacson sarmiento gatchalian macaraeg lacsamana dizon sudarsana suryadi hartono ngata parata
tipene huaman condori choque ticona
adichie ezeh igwe nweke obiora ojukwu okoye onuoha ugwu mohamed abdi omar osman warsame farah jama mohamud
yusuf nur aden egal samatar dahir duale elmi gedi hirsi tesfaye haile bekele gebre mengistu tadesse kidane
berhane yohannes tekle habte ghebremedhin woldemichael asfaw levi mizrahi peretz biton dahan avraham azoulay
malka katz amar ohayon shapiro goldberg rosenberg ben-david kleist lynge berthelsen motzfeldt heilmann lyberth
fleischer egede enoksen byrne o'connor o'brien osullivan o'sullivan doherty kavanagh mcgrath o'reilly o'neill
macleod mackenzie thomson fraser sinclair mcleod
venkataraman krishnamurthy raghavan natarajan balasubramanian ramachandran chowdary kamath pawar jadhav shinde
chavan gaikwad sawant pandya bhatt parikh thakkar aggarwal goyal garg bansal mittal jindal singhal tripathi
rathore rajput ganguly majumdar biswas haldar bajaj batra dhillon grewal kohli luthra sandhu sidhu walia
oberoi mathur nigam pathak rastogi shrivastava upadhyay vajpayee awasthi bhattacharjee chakrabarti dasgupta
sengupta saha kundu bhowmick mahapatra mohanty samal nayak behera sahoo shenoy gokhale apte bapat phadke
ranade sathe tendulkar chitale rane salunkhe mhatre deshmukh dixit nambiar kurup warrier thampi kutty
subramaniam ramaswamy srinivasan venkatesan sundaram annamalai murugan pandian palaniappan chettiar gounder
mudaliar hashmi awan bhatti cheema warraich niazi afridi yousafzai ansari baig chohan durrani gilani jatoi
khattak lodhi marwat memon paracha qazi soomro tiwana wattoo zaidi kazmi naqvi rizvi jafri bukhari sarker
talukder shikder poudel ghimire regmi pokharel sapkota bista dahal neupane paudel timilsina lamichhane
bajracharya prajapati tuladhar rijal chhetri jayasinghe rathnayake bandaranaike karunaratne ranasinghe
weerasinghe abeysekara amarasinghe liyanage samarasinghe kumarasinghe ekanayake siriwardena gunasekara
sivarajah thambiah ponnambalam alghamdi alzahrani alqahtani alotaibi alharbi almutairi alshehri aldosari
alanazi alshammari alhashimi almansouri alnuaimi alsuwaidi alketbi almazrouei aldhaheri alfalasi almarri
alkaabi almaktoum alsabah althani alkhalifa ghamdi zahrani qahtani otaibi harbi mutairi shehri dosari anazi
shammari hashimi mansouri nuaimi suwaidi ketbi mazrouei dhaheri falasi marri kaabi maktoum elsayed ragab
shehata gomaa soliman elshafei elmasry hegazy mahfouz morsi naguib zaghloul badawi elbaz tawfik nasrallah
sfeir gemayel frangieh jumblatt aoun hariri mikati salameh tannous bitar azar chamoun fakhoury ghosn kassab
maalouf nassif rizk saliba tabet zogby benali benaissa bouzid belkacem mebarki boudiaf amrani alaoui bennani
tazi idrissi chraibi berrada benjelloun bensaid bouazza boukhari chaoui cherkaoui elfassi elidrissi ghali
hajji hamidi jebli kettani lahlou laraki ouazzani rahmouni sefrioui slaoui tahiri zerhouni benyoussef
benchekroun anyanwu nnaji abubakar aliyu garba sani olaniyan akinola adamu audu nwankwo nwafor okpara onwuka
udeh uzor iheanacho okolie umeh akinyemi fashola ogundipe ogunbanjo oladipo olatunji oyelaran oyewole popoola
sanni kebede alemu mulugeta getachew ayele desta gebremedhin negash tefera woldemariam wondimu tesfamariam
ghebre kahsay nasution harahap lubis pangaribuan manurung ginting sembiring tarigan purba yusof razak salleh
zainal gunadi hartanto kusnadi mulyadi purnomo rahardjo setiadi siswanto sugiarto sulistyo supriyadi susilo
sutanto setyaningsih ouyang shangguan zhuge murong qiao byun maeng seol seong yeom yook saetang wongsawat
srisuk chaiyasit jaidee kaewmanee khongthong phromma saelee sangthong srisawat suwannarat thongdee
`;
