"""General English news vocabulary the mention rules read: function words, name heads, places, peoples, the calendar.

Word lists of the language and of the world of news, not words of any one text: what starts a sentence
without being a name, the head nouns that say what kind of name a run of capitals is, lists of countries,
capitals, regions, news organisations and nationality words, the words of the calendar and the heads of
descriptions (which the scan looks for), and what turns a nationality word into a language.
"""

from __future__ import annotations

import re

# Words that start sentences or sit in capitalised runs without being names.
FUNCTION = frozenset("""
a an the and or but nor so yet for of in on at to from by with without about after before since until during as
if when while where whereas because although though than that this these those there here then now also even only
just still however meanwhile moreover furthermore thus hence therefore why what who whom whose which how he she it
they we you i his her its their our your my me him them us not no yes all some many most several few both each every
either neither other another such one two three four five six seven eight nine ten first second third last next
over under into onto upon against among between through across along around behind beyond despite within
""".split())
COMMON_INITIAL = FUNCTION | frozenset("""
according later earlier today yesterday tomorrow finally first initially instead indeed still recently currently
previously already again perhaps maybe possibly probably apparently clearly certainly obviously unfortunately
overall altogether apart back once twice local locals residents people officials experts analysts critics
protesters police authorities government dozens hundreds thousands millions many much more less most least
some another any every such both neither either other others several few
""".split())
NOT_NAMES = frozenset("""
i i'm i've i'd i'll ok okay tv internet web online photo photos video image images source sources note update
updated editor's editor breaking news plus read more share follow subscribe login sign menu search home
am pm gmt utc bc ad
""".split())
AWARD_HEADS = frozenset({"award", "awards", "prize", "prizes", "medal", "medals"})
ORG_HEADS = frozenset("""
ministry committee service services party police agency council department university center centre bureau
organization organisation assembly union bank company corporation corp inc ltd llc group institute institution
foundation fund court parliament commission office association federation network news press times post herald
journal gazette tribune telegraph radio television tv broadcasting channel academy college army navy guard guards
front movement alliance coalition league society mission secretariat senate congress duma administration cabinet
board authority watch international initiative trust partnership club brigade battalion division command
directorate inspectorate procuracy prosecutor's forces federation's monitor observatory institute's agency's
""".split())
GPE_HEADS = frozenset("""
republic kingdom states emirates oblast region province district county prefecture governorate territory
municipality city
""".split())
FAC_HEADS = frozenset("""
airport square bridge street avenue road highway stadium hospital station prison mosque church cathedral palace
tower port checkpoint crossing base plaza hotel embassy consulate park market bazaar arena
""".split())
LOC_HEADS = frozenset("""
sea ocean river lake mountains mountain mount valley desert steppe gulf bay island islands peninsula basin plateau
range coast strait
""".split())
EVENT_HEADS = frozenset("""
war revolution uprising massacre protests riots games olympics summit forum elections election crisis conference
""".split())
HEADS_ALL = ORG_HEADS | GPE_HEADS | FAC_HEADS | LOC_HEADS | EVENT_HEADS | frozenset({"rule", "rights"})
GPE_NOUNS = frozenset("""
village villages town city district region province oblast county municipality settlement aul republic capital
area suburb neighbourhood neighborhood
""".split())
ORG_NOUNS = frozenset("""
party movement group company firm agency organization organisation newspaper daily weekly channel broadcaster
network society foundation union bank corporation holding subsidiary subsidiaries ministry website outlet portal
television radio bloc alliance coalition ngo charity club university institute
""".split())
FAC_NOUNS = frozenset("""
checkpoint airport square street avenue bridge hospital station prison mosque market crossing highway road
""".split())

COUNTRY_ACRONYMS = frozenset({"US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "USSR", "PRC", "DPRK", "EU"} - {"EU"})

COUNTRIES = frozenset(x.strip().lower() for x in """
Afghanistan, Albania, Algeria, Andorra, Angola, Argentina, Armenia, Australia, Austria, Azerbaijan, Bahamas, Bahrain,
Bangladesh, Barbados, Belarus, Belgium, Belize, Benin, Bhutan, Bolivia, Bosnia, Bosnia and Herzegovina, Botswana,
Brazil, Brunei, Bulgaria, Burkina Faso, Burundi, Cambodia, Cameroon, Canada, Chad, Chile, China, Colombia, Comoros,
Congo, Costa Rica, Croatia, Cuba, Cyprus, Czech Republic, Czechia, Denmark, Djibouti, Dominica, Ecuador, Egypt,
El Salvador, Eritrea, Estonia, Eswatini, Ethiopia, Fiji, Finland, France, Gabon, Gambia, Georgia, Germany, Ghana,
Greece, Grenada, Guatemala, Guinea, Guyana, Haiti, Honduras, Hungary, Iceland, India, Indonesia, Iran, Iraq, Ireland,
Israel, Italy, Jamaica, Japan, Jordan, Kazakhstan, Kenya, Kiribati, Kosovo, Kuwait, Kyrgyzstan, Laos, Latvia, Lebanon,
Lesotho, Liberia, Libya, Liechtenstein, Lithuania, Luxembourg, Madagascar, Malawi, Malaysia, Maldives, Mali, Malta,
Mauritania, Mauritius, Mexico, Moldova, Monaco, Mongolia, Montenegro, Morocco, Mozambique, Myanmar, Burma, Namibia,
Nauru, Nepal, Netherlands, New Zealand, Nicaragua, Niger, Nigeria, North Korea, North Macedonia, Norway, Oman,
Pakistan, Palestine, Panama, Papua New Guinea, Paraguay, Peru, Philippines, Poland, Portugal, Qatar, Romania, Russia,
Russian Federation, Rwanda, Samoa, San Marino, Saudi Arabia, Senegal, Serbia, Seychelles, Sierra Leone, Singapore,
Slovakia, Slovenia, Somalia, South Africa, South Korea, South Sudan, Spain, Sri Lanka, Sudan, Suriname, Sweden,
Switzerland, Syria, Taiwan, Tajikistan, Tanzania, Thailand, Togo, Tonga, Tunisia, Turkey, Turkiye, Turkmenistan,
Tuvalu, Uganda, Ukraine, United Arab Emirates, United Kingdom, United States, United States of America, Uruguay,
Uzbekistan, Vanuatu, Venezuela, Vietnam, Yemen, Zambia, Zimbabwe, Soviet Union, Kyrgyz Republic, Britain,
Great Britain, England, Scotland, Wales, America, Hong Kong, Tibet, Xinjiang, Crimea, Chechnya, Dagestan, Tatarstan,
Karakalpakstan
""".split(","))
CAPITAL_CITIES = frozenset(x.strip().lower() for x in """
Kabul, Tirana, Algiers, Yerevan, Canberra, Vienna, Baku, Minsk, Brussels, Sofia, Ottawa, Beijing, Zagreb, Prague,
Copenhagen, Cairo, Tallinn, Helsinki, Paris, Tbilisi, Berlin, Athens, Budapest, Reykjavik, New Delhi, Delhi, Jakarta,
Tehran, Baghdad, Dublin, Jerusalem, Rome, Tokyo, Amman, Astana, Nur-Sultan, Almaty, Nairobi, Kuwait City, Bishkek,
Riga, Beirut, Tripoli, Vilnius, Luxembourg, Kuala Lumpur, Mexico City, Chisinau, Ulaanbaatar, Ulan Bator, Rabat,
Kathmandu, Amsterdam, The Hague, Wellington, Abuja, Pyongyang, Oslo, Islamabad, Warsaw, Lisbon, Doha, Bucharest,
Moscow, Riyadh, Belgrade, Singapore, Bratislava, Ljubljana, Pretoria, Seoul, Madrid, Colombo, Khartoum, Stockholm,
Bern, Geneva, Damascus, Taipei, Dushanbe, Bangkok, Tunis, Ankara, Istanbul, Ashgabat, Kampala, Kyiv, Kiev, Abu Dhabi,
Dubai, London, Washington, New York, Tashkent, Caracas, Hanoi, Sanaa, Lusaka, Harare, Havana, Lima, Santiago,
Buenos Aires, Brasilia, Bogota, Quito, Manila, Dhaka, Hong Kong, Shanghai, Urumqi, Saint Petersburg, St. Petersburg,
Novosibirsk, Omsk, Samarkand, Bukhara, Osh, Shymkent, Karaganda, Aktobe, Atyrau, Semey, Taraz, Pavlodar, Kostanay
""".split(","))
REGIONS = frozenset(x.strip().lower() for x in """
Europe, Asia, Africa, North America, South America, Latin America, Antarctica, Oceania, Eurasia, Central Asia,
Middle East, Near East, Far East, South Asia, Southeast Asia, East Asia, Western Europe, Eastern Europe, Caucasus,
South Caucasus, North Caucasus, Siberia, Balkans, Scandinavia, Baltic, Caspian Sea, Black Sea, Aral Sea,
Mediterranean, Persian Gulf, Tien Shan, Tian Shan, Pamir, Pamirs, Altai, Ural, Urals, Fergana Valley, Ferghana Valley,
Arctic, Pacific, Atlantic, Indian Ocean, Sahara
""".split(","))
# The words that name the registry's own state (the corpus is about Kazakhstan): its officials are
# "official", another state's "foreign_official", and "Kyrgyzstan's president" is not the registry's.
HOME_WORDS = frozenset({"kazakh", "kazakhstani", "kazakhstan's", "kazakhstan’s", "kazakhstan"})
# States and provinces news names without their country ("Halifax, Nova Scotia"), and regions of conflict
# that wire copy names alone: general knowledge, labelled GPE like the countries.
SUBDIVISIONS = frozenset(x.strip().lower() for x in """
Alabama, Alaska, Arizona, Arkansas, California, Colorado, Connecticut, Delaware, Florida, Hawaii, Idaho, Illinois,
Indiana, Iowa, Kansas, Kentucky, Louisiana, Maine, Maryland, Massachusetts, Michigan, Minnesota, Mississippi,
Missouri, Montana, Nebraska, Nevada, New Hampshire, New Jersey, New Mexico, New York State, North Carolina,
North Dakota, Ohio, Oklahoma, Oregon, Pennsylvania, Rhode Island, South Carolina, South Dakota, Tennessee, Texas,
Utah, Vermont, Virginia, West Virginia, Wisconsin, Wyoming, Puerto Rico, District of Columbia,
Alberta, British Columbia, Manitoba, New Brunswick, Newfoundland, Newfoundland and Labrador, Nova Scotia, Ontario,
Prince Edward Island, Quebec, Saskatchewan, Yukon, Nunavut, Northwest Territories,
New South Wales, Queensland, South Australia, Tasmania, Western Australia, Northern Territory,
Northern Ireland, Bavaria, Catalonia, Kurdistan, Kashmir, Punjab, Sindh, Balochistan, Khyber Pakhtunkhwa, Tigray,
Darfur, Donbas, Donbass, Donetsk, Luhansk, Gaza, Gaza Strip, West Bank, Inner Mongolia, Sichuan, Guangdong
""".split(","))
# News agencies, broadcasters and platforms that news cites by name.
KNOWN_ORGS = frozenset(x.strip().lower() for x in """
Reuters, AP, Associated Press, AFP, Agence France-Presse, BBC, CNN, Al Jazeera, Bloomberg, Interfax, TASS, RIA Novosti,
Sputnik, Xinhua, Anadolu, RFE/RL, Radio Free Europe, Radio Liberty, Voice of America, Eurasianet,
New York Times, Washington Post, Guardian, Financial Times, Wall Street Journal, Economist, Kommersant, Novaya Gazeta,
Twitter, Facebook, Instagram, Telegram, YouTube, TikTok, WhatsApp, VKontakte, Google, Apple, Microsoft, Amnesty
International, Human Rights Watch, United Nations, UN, UNICEF, UNHCR, OSCE, NATO, CSTO, SCO, CIS, EU, European Union,
World Bank, IMF, Red Cross, Red Crescent
""".split(","))
DEMONYMS = frozenset("""
afghan albanian algerian american andorran angolan argentine argentinian armenian australian austrian azerbaijani
azeri bahraini bangladeshi belarusian belgian bolivian bosnian brazilian british briton bulgarian burmese cambodian
cameroonian canadian chadian chilean chinese colombian congolese croatian cuban cypriot czech danish dane dutch
ecuadorian egyptian emirati english eritrean estonian ethiopian european fijian filipino finnish finn french
georgian german ghanaian greek guatemalan haitian honduran hungarian icelandic indian indonesian iranian iraqi
irish israeli italian jamaican japanese jordanian kazakh kazakhstani kenyan korean kosovar kuwaiti kyrgyz laotian
latvian lebanese liberian libyan lithuanian macedonian malagasy malaysian maldivian malian maltese mauritanian
mexican moldovan mongolian montenegrin moroccan mozambican namibian nepalese nepali nigerian nigerien norwegian
omani pakistani palestinian panamanian paraguayan persian peruvian polish pole portuguese qatari romanian russian
rwandan saudi scottish senegalese serbian singaporean slovak slovenian somali spanish sudanese swedish swede swiss
syrian taiwanese tajik tajikistani tanzanian thai tunisian turkish turk turkmen ugandan ukrainian uruguayan uzbek
uzbekistani venezuelan vietnamese welsh yemeni zambian zimbabwean soviet arab arabian asian african western eastern
european latin hispanic slavic turkic tatar bashkir chechen ingush dagestani avar ossetian circassian kurd kurdish
uyghur uighur hui han tibetan mongol pashtun tajiks hazara baloch karakalpak meskhetian roma romani gypsy cossack
muslim muslims christian christians jew jews jewish buddhist hindu sikh catholic orthodox protestant sunni shia
shiite islamic islamist evangelical
""".split())


# -- the calendar, and the heads of descriptions: words the scan looks for -----------------------------

UNIT_WORDS = ("weekend", "weekends", "week", "weeks", "month", "months", "year", "years", "summer", "winter", "spring",
               "autumn", "fall", "decade", "century", "day", "days", "morning", "evening", "night")
RELATIVE_WORDS = ("today", "yesterday", "tomorrow", "tonight")
# Heads of descriptions of one person ("the minister", "our correspondent").
PERSON_HEADS = ("president", "minister", "governor", "mayor", "akim", "ambassador", "spokesman", "spokeswoman",
                 "spokesperson", "correspondent", "reporter", "chairman", "chairwoman", "prosecutor", "judge",
                 "senator", "adviser", "advisor", "activist", "lawyer", "professor", "analyst", "economist",
                 "journalist", "blogger", "premier", "chancellor")
# Heads of a lowercase state body's description ("interior ministry of Kazakhstan").
BODY_HEADS = ("ministry", "department", "precinct", "office", "administration", "akimat", "police", "government",
               "parliament", "court", "service", "committee", "council")
MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")
MONTHS = frozenset(MONTH_NAMES) | frozenset({"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
                                               "nov", "dec"})
WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
CALENDAR_CAPS = MONTHS | WEEKDAYS | frozenset(RELATIVE_WORDS)

# After a nationality word, what makes it a language rather than a people ("Kazakh-speaking", "Kazakh for …").
LANGUAGE_AFTER = re.compile(r"(?:-speaking|-language|\s+(?:language|languages|speakers?|translation|version|word|words|"
                             r"term|name|for\b))", re.I)
