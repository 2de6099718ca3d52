"""The demo's data tables: names by culture and region, companies, competitors, the client
organization (divisions, departments, titles), deal themes, our executives' titles, and the mix
and wording of interactions. Plain data; the builders draw from it."""

from __future__ import annotations

from relgraph.model import InteractionType, Layer

# Mean contacts per account is ~100 with the 10/25/35/30 tier mix (the 150/100/60/30 ratios).
CONTACTS_PER_TIER = {"S": 214, "A": 143, "B": 86, "C": 43}
TIER_SHARE = (("S", 0.10), ("A", 0.25), ("B", 0.35), ("C", 0.30))
INDUSTRIES = (
    "telecom", "energy", "banking", "transport", "government", "manufacturing", "retail",
    "healthcare",
)
REGIONS = ("EU", "NA", "LATAM", "APAC", "MEA")

# --- names -----------------------------------------------------------------------------------

# culture: (given names, family names, family name first)
CULTURES: dict[str, tuple[tuple[str, ...], tuple[str, ...], bool]] = {
    "english": (
        ("James", "Emma", "Oliver", "Charlotte", "William", "Sophie", "Thomas", "Olivia",
         "Daniel", "Grace", "Michael", "Hannah", "David", "Lucy", "Robert", "Amelia", "Sarah",
         "Edward", "Rachel", "George"),
        ("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker", "Wright",
         "Hughes", "Evans", "Bennett", "Turner", "Harris", "Cooper", "Morgan", "Reed", "Foster",
         "Hayes", "Ellis", "Palmer"),
        False,
    ),
    "spanish": (
        ("Ana", "Carlos", "Lucía", "Javier", "María", "Diego", "Carmen", "Pablo", "Elena",
         "Alejandro", "Sofía", "Miguel", "Isabel", "Andrés", "Laura", "Fernando"),
        ("García", "Martínez", "Ruiz", "López", "Fernández", "Sánchez", "Romero", "Navarro",
         "Torres", "Domínguez", "Vázquez", "Ortega", "Castillo", "Morales", "Herrera",
         "Jiménez"),
        False,
    ),
    "portuguese": (
        ("João", "Ana", "Pedro", "Mariana", "Rafael", "Beatriz", "Lucas", "Camila", "Tiago",
         "Fernanda", "Gustavo", "Juliana"),
        ("Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "Carvalho",
         "Ribeiro", "Barbosa", "Rocha", "Nunes"),
        False,
    ),
    "german": (
        ("Lukas", "Anna", "Jonas", "Lena", "Felix", "Julia", "Maximilian", "Katharina",
         "Stefan", "Sabine", "Matthias", "Claudia"),
        ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner",
         "Schulz", "Keller", "Braun", "Vogel"),
        False,
    ),
    "french": (
        ("Louis", "Camille", "Hugo", "Chloé", "Antoine", "Manon", "Julien", "Léa", "Nicolas",
         "Élodie", "Mathieu", "Inès"),
        ("Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Lefèvre", "Girard", "Fontaine",
         "Rousseau", "Mercier", "Blanc", "Garnier"),
        False,
    ),
    "italian": (
        ("Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara", "Alessandro", "Elena",
         "Davide", "Valentina"),
        ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci",
         "Marino", "Greco"),
        False,
    ),
    "nordic": (
        ("Erik", "Ingrid", "Lars", "Astrid", "Mikkel", "Sigrid", "Anders", "Freja", "Nils",
         "Maja"),
        ("Andersson", "Johansson", "Nielsen", "Hansen", "Larsen", "Lindqvist", "Berg", "Dahl",
         "Nyström", "Holm"),
        False,
    ),
    "chinese": (
        ("Wei", "Fang", "Jun", "Li", "Hao", "Min", "Lei", "Xin", "Yang", "Jing", "Tao", "Yan",
         "Ming", "Hui"),
        ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu",
         "Sun", "Ma", "Zhu", "Hu", "Guo"),
        True,
    ),
    "japanese": (
        ("Haruto", "Yui", "Sota", "Aoi", "Ren", "Hina", "Kenji", "Yuki", "Takeshi", "Akiko"),
        ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
         "Kobayashi", "Kato"),
        True,
    ),
    "korean": (
        ("Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Joon", "Soo-ah", "Do-yun", "Ji-woo"),
        ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon"),
        True,
    ),
    "indian": (
        ("Arjun", "Priya", "Rahul", "Ananya", "Vikram", "Kavya", "Rohan", "Neha", "Aditya",
         "Meera", "Sanjay", "Divya"),
        ("Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Nair", "Mehta", "Rao", "Singh", "Kumar",
         "Desai", "Menon"),
        False,
    ),
    "arabic": (
        ("Omar", "Layla", "Ahmed", "Fatima", "Khalid", "Noor", "Youssef", "Mariam", "Tariq",
         "Salma", "Hassan", "Rania"),
        ("Al-Farsi", "Haddad", "Mansour", "Nasser", "Khalil", "Saleh", "Aziz", "Hamdan",
         "Qasim", "Darwish"),
        False,
    ),
    "african": (
        ("Chinedu", "Ngozi", "Emeka", "Amara", "Tunde", "Folake", "Kwame", "Abena",
         "Oluwaseun", "Zainab"),
        ("Okafor", "Adeyemi", "Okonkwo", "Mensah", "Balogun", "Nwosu", "Eze", "Boateng",
         "Owusu", "Bello"),
        False,
    ),
    "turkish": (
        ("Mehmet", "Elif", "Emre", "Zeynep", "Burak", "Ayşe", "Can", "Deniz"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Aydın", "Öztürk", "Arslan"),
        False,
    ),
    "indonesian": (
        ("Budi", "Siti", "Agus", "Dewi", "Rizky", "Putri", "Adi", "Ratna"),
        ("Santoso", "Wijaya", "Hidayat", "Saputra", "Kusuma", "Pratama", "Halim", "Gunawan"),
        False,
    ),
}

REGION_CULTURES: dict[str, tuple[tuple[str, float], ...]] = {
    "EU": (("english", 2), ("german", 2), ("french", 2), ("spanish", 2), ("italian", 1.5),
           ("nordic", 1), ("turkish", 0.5), ("arabic", 0.5), ("indian", 0.5)),
    "NA": (("english", 4), ("spanish", 1.5), ("indian", 1), ("chinese", 1), ("korean", 0.5),
           ("african", 0.5), ("french", 0.3)),
    "LATAM": (("spanish", 4), ("portuguese", 3), ("english", 0.5), ("italian", 0.5),
              ("german", 0.3)),
    "APAC": (("chinese", 3), ("japanese", 2), ("korean", 1), ("indian", 2), ("indonesian", 1.5),
             ("english", 0.7)),
    "MEA": (("arabic", 3), ("african", 2), ("turkish", 1), ("indian", 1), ("english", 0.7),
            ("french", 0.5)),
    "GLOBAL": tuple((name, 1.0) for name in CULTURES),
}

COMPANY_PREFIXES = (
    "Northwind", "Blue Harbor", "Silverline", "Granite", "Aurora", "Meridian", "Cedar",
    "Summit Ridge", "Ironbridge", "Lakeside", "Redwood", "Crescent", "Highland", "Oakmont",
    "Brightwater", "Stonegate", "Evergreen", "Pinnacle", "Riverbend", "Westgate", "Eastfield",
    "Goldcrest", "Harborview", "Kingsley", "Larkspur", "Maplewood", "Northstar", "Orchard",
    "Pacific Crest", "Quarry Hill", "Ravenna", "Sterling", "Thornbury", "Valemont", "Windmere",
    "Alder", "Bellhaven", "Coastline", "Driftwood", "Emberly", "Fairhaven", "Glenmoor",
    "Hollis", "Ivybridge", "Juniper", "Kestrel", "Lumen", "Marlow", "Nordhaven", "Ostara",
    "Quillon", "Rosemont", "Saxby", "Tidewater", "Umber", "Vantage", "Whitecliff", "Zephyr",
    "Arcadia", "Bramble", "Calder", "Dunmore", "Elmstead", "Falcon Ridge", "Greyfield",
    "Hawthorne", "Solvik", "Tamarind", "Castellan", "Brightmoor",
)

COMPANY_SUFFIXES: dict[str, tuple[str, ...]] = {
    "telecom": ("Telecom", "Communications", "Mobile", "Networks", "Telco Group"),
    "energy": ("Energy", "Power", "Utilities", "Grid", "Renewables"),
    "banking": ("Bank", "Financial Group", "Savings Bank", "Capital", "Bancorp"),
    "transport": ("Rail", "Logistics", "Airways", "Transit Authority", "Ports"),
    "government": ("Revenue Agency", "Digital Government Office", "Public Health Authority",
                   "Transport Ministry", "City Council"),
    "manufacturing": ("Industries", "Manufacturing", "Motors", "Steel", "Machinery"),
    "retail": ("Retail Group", "Stores", "Markets", "Fashion", "Home & Living"),
    "healthcare": ("Health", "Hospitals", "Medical Group", "Healthcare", "Clinics"),
}

COMPETITORS = (
    "Rival Networks", "Apex Systems", "Vertex Solutions", "Helios Digital", "Crestline Group",
    "Orion Infotech", "Nordlys Data", "Bluepeak Technologies",
)

# --- client organization ---------------------------------------------------------------------

# (division name, function, title of its head when the head is rank A)
Division = tuple[str, str, str]
CORE_DIVISIONS: tuple[Division, ...] = (
    ("Technology", "technology", "Chief Technology Officer"),
    ("Finance", "finance", "Chief Financial Officer"),
    ("Operations", "operations", "Chief Operating Officer"),
    ("Procurement", "procurement", "Chief Procurement Officer"),
    ("Commercial", "sales", "Chief Commercial Officer"),
)
MORE_DIVISIONS: tuple[Division, ...] = (
    ("Information Technology", "it", "Chief Information Officer"),
    ("Marketing", "marketing", "Chief Marketing Officer"),
)
LATE_DIVISIONS: tuple[Division, ...] = (
    ("Human Resources", "hr", "Chief Human Resources Officer"),
    ("Legal & Compliance", "legal", "General Counsel"),
    ("Strategy", "strategy", "Chief Strategy Officer"),
    ("Customer Service", "service", "Chief Customer Officer"),
)
INDUSTRY_DIVISIONS: dict[str, tuple[Division, Division]] = {
    "telecom": (("Network", "technology", "EVP Network"),
                ("Consumer Business", "sales", "EVP Consumer Business")),
    "energy": (("Grid Operations", "operations", "EVP Grid Operations"),
               ("Generation", "operations", "EVP Generation")),
    "banking": (("Risk Management", "risk", "Chief Risk Officer"),
                ("Retail Banking", "sales", "EVP Retail Banking")),
    "transport": (("Infrastructure & Fleet", "operations", "EVP Infrastructure & Fleet"),
                  ("Passenger Services", "service", "EVP Passenger Services")),
    "government": (("Digital Services", "technology", "Chief Digital Officer"),
                   ("Citizen Services", "service", "Deputy Director General, Citizen Services")),
    "manufacturing": (("Production", "operations", "EVP Production"),
                      ("Supply Chain", "procurement", "Chief Supply Chain Officer")),
    "retail": (("Stores", "operations", "EVP Stores"),
               ("E-commerce", "sales", "Chief Digital Officer")),
    "healthcare": (("Clinical Services", "operations", "Chief Medical Officer"),
                   ("Medical Informatics", "technology", "Chief Medical Information Officer")),
}

DEPARTMENTS: dict[str, tuple[str, ...]] = {
    "Technology": ("Architecture", "Infrastructure", "Software Engineering", "Cybersecurity",
                   "Data & Analytics", "Cloud Platform", "R&D"),
    "Information Technology": ("Enterprise Applications", "IT Operations", "Service Desk",
                               "IT Security", "Digital Workplace"),
    "Finance": ("Controlling", "Treasury", "Accounting", "Budget & Planning",
                "Investor Relations"),
    "Operations": ("Service Operations", "Field Operations", "Quality Management", "Planning",
                   "Maintenance", "Health & Safety"),
    "Procurement": ("Strategic Sourcing", "Vendor Management", "Tendering",
                    "Contract Management"),
    "Commercial": ("Enterprise Sales", "Key Accounts", "Channel Partners", "Sales Operations",
                   "Pricing"),
    "Marketing": ("Brand", "Product Marketing", "Market Insight", "Digital Marketing",
                  "Communications"),
    "Human Resources": ("Talent Acquisition", "Learning & Development",
                        "Compensation & Benefits"),
    "Legal & Compliance": ("Contracts", "Regulatory Affairs", "Compliance"),
    "Strategy": ("Corporate Development", "Transformation Office", "Enterprise Architecture"),
    "Customer Service": ("Contact Center", "Customer Experience", "Complaints"),
    "Network": ("Core Network", "Radio Access", "Transmission", "Network Operations Center"),
    "Consumer Business": ("Mobile Products", "Broadband", "Retail Channels"),
    "Grid Operations": ("Transmission Grid", "Distribution Grid", "Control Center", "Metering"),
    "Generation": ("Thermal Plants", "Renewables", "Asset Management"),
    "Risk Management": ("Credit Risk", "Operational Risk", "Model Validation"),
    "Retail Banking": ("Branches", "Cards", "Mortgages", "Digital Banking"),
    "Infrastructure & Fleet": ("Rolling Stock", "Signalling", "Depots", "Track & Stations"),
    "Passenger Services": ("Ticketing", "Stations", "Customer Information"),
    "Digital Services": ("e-Government Platform", "Identity Services", "Data Center"),
    "Citizen Services": ("Service Centers", "Case Management", "Call Center"),
    "Production": ("Plant Engineering", "Automation", "Production Planning",
                   "Quality Assurance"),
    "Supply Chain": ("Logistics", "Warehousing", "Demand Planning"),
    "Stores": ("Store Operations", "Loss Prevention", "Store Systems"),
    "E-commerce": ("Online Shop", "Fulfillment Center", "Customer Analytics"),
    "Clinical Services": ("Radiology", "Laboratories", "Nursing Administration", "Pharmacy"),
    "Medical Informatics": ("Clinical Systems", "Health Records", "Telemedicine"),
}
TEAM_SUFFIXES = ("Core", "Projects", "Support", "Regional", "Delivery", "Planning",
                  "Governance", "Innovation")
SUBTEAM_NAMES = ("North Unit", "South Unit", "East Unit", "West Unit", "Central Unit")

STAFF_TITLES: dict[str, tuple[str, ...]] = {
    "technology": ("Senior Architect", "Network Engineer", "Solution Architect", "Project Manager",
                   "DevOps Engineer", "Security Analyst", "Data Engineer", "Systems Engineer"),
    "it": ("Application Manager", "IT Service Manager", "Systems Administrator",
           "Business Analyst", "Database Administrator"),
    "finance": ("Financial Controller", "Financial Analyst", "Accountant", "Budget Analyst"),
    "operations": ("Operations Manager", "Field Engineer", "Quality Engineer", "Planner",
                   "Maintenance Supervisor"),
    "procurement": ("Procurement Manager", "Category Manager", "Buyer", "Sourcing Specialist",
                    "Contract Manager"),
    "sales": ("Sales Manager", "Key Account Manager", "Sales Analyst", "Pricing Analyst"),
    "marketing": ("Marketing Manager", "Brand Manager", "Market Analyst", "Content Lead"),
    "hr": ("HR Business Partner", "Recruiter", "Training Coordinator"),
    "legal": ("Legal Counsel", "Compliance Officer", "Paralegal"),
    "strategy": ("Strategy Manager", "Transformation Lead", "Enterprise Architect"),
    "service": ("Service Manager", "Customer Experience Analyst", "Team Supervisor"),
    "risk": ("Risk Analyst", "Risk Manager", "Model Validator"),
    "executive": ("Executive Assistant",),
}

THEMES: tuple[tuple[str, str], ...] = (
    ("Data center consolidation", "technology"), ("Hybrid cloud platform", "it"),
    ("SD-WAN rollout", "it"), ("Security operations center", "technology"),
    ("ERP upgrade", "finance"), ("Field service mobility", "operations"),
    ("Customer data platform", "sales"), ("Contact center modernization", "operations"),
    ("Managed services renewal", "operations"), ("Private 5G campus network", "technology"),
    ("AI analytics platform", "technology"), ("e-Sourcing suite", "procurement"),
)
INDUSTRY_THEMES: dict[str, tuple[tuple[str, str], ...]] = {
    "telecom": (("Core network modernization", "technology"), ("5G RAN expansion", "technology"),
                ("OSS/BSS transformation", "it")),
    "energy": (("Smart metering rollout", "operations"), ("Grid SCADA upgrade", "technology"),
               ("Renewables asset monitoring", "operations")),
    "banking": (("Core banking migration", "it"), ("Fraud detection platform", "technology"),
                ("Branch network refresh", "operations")),
    "transport": (("Rail signalling digitalization", "technology"),
                  ("Fleet telematics", "operations"), ("Passenger Wi-Fi", "technology")),
    "government": (("e-Government cloud", "technology"), ("Digital identity platform", "it"),
                   ("Emergency communications network", "operations")),
    "manufacturing": (("Smart factory IoT", "operations"), ("MES rollout", "it"),
                      ("Predictive maintenance", "operations")),
    "retail": (("Store network refresh", "operations"),
               ("Omnichannel commerce platform", "technology"),
               ("Supply chain visibility", "it")),
    "healthcare": (("Hospital information system", "it"), ("PACS imaging archive", "technology"),
                   ("Telemedicine platform", "technology")),
}

# --- our side --------------------------------------------------------------------------------

EXEC_S_TITLES = ("Chairman", "Chief Executive Officer", "President, Enterprise Business Group",
                  "President, Global Accounts", "Board Member, Global Strategy")
EXEC_FOCUS = ("technology", "sales", "operations", "finance", "general")
EXEC_A_TITLES = {
    "technology": ("Chief Technology Officer", "VP Solutions", "VP Product & Technology"),
    "sales": ("Region President, {region}", "VP {industry} Sector", "VP Global Accounts"),
    "operations": ("VP Global Services", "VP Delivery", "Chief Customer Officer"),
    "finance": ("VP Finance", "Chief Financial Officer, {region}"),
    "general": ("VP Strategy", "Vice President, {region} Enterprise"),
}
ROLE_TITLES: dict[tuple[str, str], tuple[str, ...]] = {
    ("account_manager", "B"): ("Account Director", "Key Account Director",
                               "Global Account Director"),
    ("account_manager", "C"): ("Account Manager", "Client Manager"),
    ("solution_manager", "B"): ("Solution Director", "Chief Solution Architect"),
    ("solution_manager", "C"): ("Solution Manager", "Solution Architect"),
    ("fulfillment_manager", "B"): ("Delivery Director", "Fulfillment Director"),
    ("fulfillment_manager", "C"): ("Fulfillment Manager", "Project Manager"),
    ("other", "B"): ("Service Director", "Product Director"),
    ("other", "C"): ("Pre-sales Engineer", "Service Manager", "Product Manager",
                     "Finance Business Partner", "Bid Manager", "Customer Success Manager"),
}
# Which iron-triangle role naturally faces a client function.
FACING_ROLE = {
    "technology": "SR", "it": "SR", "strategy": "SR", "risk": "SR",
    "operations": "FR", "service": "FR",
}

EXEC_FOCUS_OF = {
    "technology": "technology", "it": "technology", "strategy": "general", "risk": "finance",
    "operations": "operations", "service": "operations", "finance": "finance",
    "sales": "sales", "marketing": "sales", "procurement": "finance",
}

# --- interactions ----------------------------------------------------------------------------

ORG_TYPES_BY_PARTNERSHIP: dict[str, tuple[str, ...]] = {
    "strategic_partner": ("summit", "executive_visit", "strategy_workshop", "workshop",
                          "joint_innovation", "service_annual_meeting", "roadmap_exchange", "csr"),
    "partner": ("summit", "executive_visit", "strategy_workshop", "roadmap_exchange",
                "service_annual_meeting"),
    "ordinary": ("summit", "executive_visit"),
}
# The layer of each kind is the model's (InteractionType.default_layer); business_exchange,
# company_tour, call and email serve the key layer as well, for key contacts.
REMOTE_TYPES = frozenset(("call", "email"))
EITHER_LAYER = frozenset(("business_exchange", "company_tour", *REMOTE_TYPES))
ORG_TYPES = frozenset(t.value for t in InteractionType if t.default_layer is Layer.ORGANIZATIONAL)
KEY_TYPES = frozenset(t.value for t in InteractionType if t.default_layer is Layer.KEY)
GENERAL_TYPES = frozenset(t.value for t in InteractionType
                          if t.default_layer is Layer.GENERAL) - EITHER_LAYER
MIXES: dict[str, tuple[tuple[str, float], ...]] = {
    "S": (("executive_visit", 2), ("banquet", 2), ("care", 1), ("formal_visit", 1)),
    "A": (("formal_visit", 3), ("business_exchange", 3), ("banquet", 1), ("company_tour", 1),
          ("entertainment", 1), ("care", 1), ("expert_advisory", 2), ("call", 1.5),
          ("email", 1)),
    "keyB": (("business_exchange", 3), ("formal_visit", 2), ("expert_advisory", 2), ("call", 4),
             ("email", 4), ("care", 1), ("entertainment", 1), ("banquet", 0.5),
             ("company_tour", 0.5)),
    "keyC": (("business_exchange", 3), ("call", 4), ("email", 4), ("expert_advisory", 1),
             ("care", 1), ("routine_care", 1), ("delivery_milestone", 1), ("company_tour", 0.5)),
    "general": (("business_exchange", 2), ("routine_care", 2), ("delivery_milestone", 2),
                ("department_social", 1.5), ("management_training", 1),
                ("reference_site_visit", 0.7), ("special_inspection", 0.7),
                ("company_tour", 0.7), ("call", 3), ("email", 3)),
}
SUMMARIES: dict[str, tuple[str, ...]] = {
    "summit": ("CEO-to-CEO summit on the strategic partnership",
               "Annual top-management summit", "Joint leadership summit on the next five years"),
    "executive_visit": ("Executive visit to the client headquarters",
                        "Our executive team hosted at headquarters",
                        "Executive visit to our innovation center"),
    "strategy_workshop": ("Joint strategy workshop on digital transformation",
                          "Strategy alignment workshop", "Joint planning workshop for next year"),
    "workshop": ("Joint solution design workshop", "Architecture workshop with client experts",
                 "Joint process alignment workshop"),
    "joint_innovation": ("Joint innovation lab kick-off", "Joint innovation project review",
                         "Co-creation session on a new service"),
    "service_annual_meeting": ("Annual service review meeting",
                               "Service annual meeting: SLA results and improvement plan"),
    "roadmap_exchange": ("Product roadmap exchange", "Technology roadmap briefing",
                         "Roadmap exchange with the architecture board"),
    "csr": ("Joint CSR day: digital skills for schools", "Joint green-energy CSR initiative"),
    "formal_visit": ("Formal visit to discuss priorities", "Formal visit with proposal overview",
                     "Quarterly relationship visit"),
    "business_exchange": ("Business exchange on current projects", "Requirements discussion",
                          "Business review of open topics", "Technical exchange"),
    "banquet": ("Dinner after the steering meeting", "Business dinner",
                "Year-end banquet"),
    "company_tour": ("Tour of our headquarters and labs", "Visit to our showroom",
                     "Factory tour"),
    "entertainment": ("Golf afternoon", "Concert evening", "Sports event"),
    "care": ("Birthday greetings", "Get-well visit", "Congratulations on the promotion"),
    "expert_advisory": ("Expert session on architecture options",
                        "Expert advisory on security compliance", "Benchmark briefing"),
    "reference_site_visit": ("Reference site visit to a peer customer",
                             "Reference site visit abroad"),
    "special_inspection": ("Joint inspection of the installed base",
                           "Pre-peak-season network inspection"),
    "management_training": ("Management training for department leads",
                            "Project-management training session"),
    "delivery_milestone": ("Delivery milestone acceptance", "Go-live celebration",
                           "Phase acceptance meeting"),
    "department_social": ("Department team-building event", "Department lunch",
                          "Year-end department party"),
    "routine_care": ("Routine service check-in", "Routine care visit", "Ticket follow-up"),
    "call": ("Follow-up call", "Status call", "Call about the open issue", "Quick check-in call"),
    "email": ("Sent meeting minutes", "Shared proposal draft", "Answered technical questions",
              "Sent follow-up material"),
}


def cum(pairs: tuple[tuple[str, float], ...]) -> tuple[list[str], list[float]]:
    """Names and their cumulative weights (for `random.choices(cum_weights=...)`)."""
    names = [name for name, _ in pairs]
    total = 0.0
    weights: list[float] = []
    for _, weight in pairs:
        total += weight
        weights.append(total)
    return names, weights


MIX_CUM = {name: cum(pairs) for name, pairs in MIXES.items()}
CULTURE_CUM = {region: cum(pairs) for region, pairs in REGION_CULTURES.items()}
