"""Letters and sentences for the second generalization round: registers the first round never used.

Casual phone talk, blunt judgments, enumerated reasons, explicit promises and clients described
by age. Written from the guidelines in general terms, not from any blind set.
"""

from __future__ import annotations

# (language, channel, decision) - clear decisions in forms the rules were never tuned on.
DECISIONS_OK = [
    ("en", "email", "We have chosen to hire Maria Sand for the role."),
    ("en", "email", "We've decided to offer the warehouse lead job to someone else."),
    ("en", "phone", "- I'm sorry, but you're not getting the job."),
    ("en", "phone", "- So, you didn't get the warehouse lead job this time."),
    ("en", "phone", "- It won't be you this time, I'm afraid."),
    ("en", "email", "The job went to another applicant."),
    ("en", "email", "Sadly, the offer has gone to a person with more forklift years."),
    ("en", "email", "I'm afraid we won't progress your application any further."),
    ("en", "phone", "- We went with somebody else in the end."),
    ("en", "email", "In the end we chose Jonas Ek."),
    ("en", "phone", "- Sadly it's not going to be an offer this time."),
    ("en", "email", "We will not be hiring you for this position."),
    ("en", "phone", "- Bad news, I'm afraid: the role is going to someone else."),
    ("en", "email", "Unfortunately you were not the applicant we selected."),
    ("en", "phone", "- Yeah, so it's a no on the job, sorry."),
    ("sv", "email", "Vi har valt att anställa Maria Sand."),
    ("sv", "phone", "- Du fick inte jobbet den här gången, tyvärr."),
    ("sv", "phone", "- Vi har gått på en annan."),
    ("sv", "email", "Vi kommer tyvärr inte att erbjuda dig tjänsten."),
    ("sv", "phone", "- Vi tog en annan sökande den här gången."),
    ("sv", "email", "Jobbet gick till någon annan."),
    ("sv", "email", "Vi beklagar, men rollen går till en annan kandidat."),
    ("sv", "phone", "- Det blev en annan person som fick jobbet."),
    ("sv", "email", "Vi kommer inte att anställa dig den här gången."),
    ("sv", "email", "Du är tyvärr inte bland dem vi går vidare med."),
    ("sv", "email", "Tyvärr valdes en annan profil till tjänsten."),
    ("sv", "phone", "- Alltså, det blir inget jobb för dig den här gången."),
    ("sv", "email", "Vi har till slut valt Jonas Ek."),
    ("sv", "phone", "- Tyvärr, vi kör på en annan kandidat."),
    ("sv", "email", "Rekryteringen har landat i en annan sökande."),
    ("en", "phone", "- We offered it to Sam, sorry."),
    ("sv", "phone", "- Du är inte med i nästa steg, tyvärr."),
    ("en", "phone", "- Look, it's not going to be you for this one."),
    ("en", "phone", "- Sorry, no job this time."),
]

# (language, channel, decision) - no decision or an open one: no_clear_decision and nothing else.
NOT_DECIDED = [
    ("en", "email", ""),
    ("sv", "email", ""),
    ("en", "phone", ""),
    ("sv", "phone", ""),
    ("en", "email", "Don't hesitate to call me about the job."),
    ("sv", "email", "Tveka inte att höra av dig om tjänsten."),
    ("en", "email", "We're not fully decided on the role yet."),
    ("sv", "email", "Det är inte helt avgjort vem som får tjänsten."),
    ("sv", "phone", "- Vi får se hur det landar med rollen."),
    ("sv", "phone", "- Det blir kanske inte du, men vi vet inte än."),
    ("en", "phone", "- It might not be you, but nothing is final yet."),
    ("en", "email", "Nothing is final yet regarding the position."),
    ("en", "phone", "- We're still weighing up the candidates."),
    ("sv", "email", "Vi väger fortfarande kandidaterna mot varandra."),
    ("en", "email", "Unfortunately the decision on the role has been delayed."),
    ("sv", "email", "Tyvärr har beslutet om tjänsten blivit försenat."),
    ("en", "phone", "- We'll see how it pans out with the other applicants."),
    ("sv", "email", "Vi är inte klara med rekryteringen ännu."),
    ("en", "email", "I hope you don't mind that I call about the position."),
    ("en", "email", "Sorry for the delay in getting back to you about the role."),
    ("en", "phone", "- No pressure, but do you have any questions about the job?"),
    ("sv", "email", "Ledsen att det dröjt med beskedet om tjänsten."),
    ("sv", "phone", "- Du behöver inte svara direkt om tjänsten."),
    ("en", "email", "We haven't finished the interviews for the role."),
    ("sv", "email", "Vi har inte pratat klart om tjänsten i teamet."),
    ("en", "email", "We have several other candidates to meet next week."),
    ("sv", "phone", "- Det kan bli du, det kan bli någon annan."),
    ("en", "phone", "- Honestly it could go either way."),
]

# (language, channel, sentence) - blunt, casual or sarcastic belittling.
HARSH = [
    ("en", "email", "Your Python was frankly weak."),
    ("en", "phone", "- You rambled quite a lot."),
    ("en", "email", "It felt like you hadn't taken this seriously."),
    ("en", "phone", "- You looked like you were about to cry."),
    ("en", "phone", "- I'll be blunt with you: it wasn't good."),
    ("en", "phone", "- Don't take it too hard."),
    ("en", "email", "Your portfolio was really cluttered."),
    ("en", "email", "Honestly, your answers were all over the place."),
    ("en", "phone", "- Your stocktake story was decent, I'll give you that."),
    ("en", "email", "Well, at least you turned up on time."),
    ("en", "email", "You clearly didn't bother to prepare."),
    ("en", "email", "Your spreadsheet work was pretty sloppy."),
    ("sv", "email", "Ärligt talat var du ganska oförberedd."),
    ("sv", "phone", "- Du babblade mycket."),
    ("sv", "email", "Det kändes som att du inte brydde dig."),
    ("sv", "email", "Din presentation var faktiskt rätt rörig."),
    ("sv", "email", "Du verkade rätt flummig."),
    ("sv", "phone", "- Du var helt ute och cyklade om lagersystemen."),
    ("sv", "email", "Din kod var faktiskt ganska slarvig."),
    ("sv", "phone", "- Ta det inte så hårt."),
    ("sv", "email", "Du svamlade hela tiden."),
    ("en", "phone", "- Your presentation was, frankly, a mess."),
    ("en", "email", "It was obvious you hadn't prepared."),
    ("sv", "email", "Det märktes att du inte hade förberett dig alls."),
    ("sv", "phone", "- Du snackade mest skit."),
    ("en", "email", "Nice try, though."),
]
# (language, channel, sentence, context) - requested feedback, situations, customers: not harsh.
HARSH_INNOCENT = [
    ("en", "email", "Your answers on budgeting could be more concrete.", {"feedback": "budget answers more concrete"}),
    ("en", "email", "The warehouse was quite cluttered when you toured it, which is why we are hiring.", {}),
    ("en", "email", "You handled a rather messy stocktake really well.", {}),
    ("en", "email", "Honestly, it was a hard decision.", {}),
    ("sv", "email", "Ärligt talat var det ett svårt beslut.", {}),
    ("sv", "email", "Du beskrev hur du fick ordning på ett rörigt lager.", {}),
    ("sv", "email", "Dina exempel om budget kan bli mer konkreta.", {"feedback": "budgetexemplen mer konkreta"}),
    ("en", "email", "You really improved a weak process at your last job.", {}),
    ("sv", "email", "Kunderna i butiken kan vara rätt stökiga, och du beskrev det bra.", {}),
    ("en", "email", "Our old system is honestly pretty poor, so your ideas were welcome.", {}),
    ("sv", "phone", "- Det var faktiskt ett tufft case, och du tog dig an det bra.", {}),
    ("sv", "email", "Vi uppskattade dels din struktur, dels ditt lugn.", {}),
    ("en", "email", "Your previous team was honestly quite chaotic, and you brought order to it.", {}),
]

# (language, channel, sentence) - enumerated or piled-up reasons.
OVER_DETAILED = [
    (
        "sv",
        "email",
        "För det första hade du kortare erfarenhet. För det andra ville vi ha WMS-vana. "
        "För det tredje passade skiftschemat inte.",
    ),
    (
        "en",
        "email",
        "Firstly, your licence has expired. Secondly, the shifts did not suit you. "
        "Finally, we wanted more WMS experience.",
    ),
    ("en", "email", "There are several reasons for our decision: experience, availability and salary."),
    ("sv", "email", "Det finns flera skäl till beslutet, bland annat erfarenhet och tillgänglighet."),
    ("en", "email", "You were hesitant, disorganised and unfamiliar with our systems."),
    ("sv", "email", "Du var nervös, ostrukturerad och ovan vid våra system."),
    ("en", "phone", "- Reasons: one, experience; two, availability; three, salary."),
    ("sv", "phone", "- Skälen är flera: erfarenhet, tillgänglighet och lönenivå."),
    ("en", "email", "First, your experience was shorter. Second, we needed WMS skills. Third, the shifts clashed."),
    ("sv", "email", "Dels saknade du truckkort, dels var lönekraven höga, dels passade inte schemat."),
]
# (language, sentence) - score words about the company, not the candidate.
SCORE_INNOCENT = [
    ("en", "Your work on lead scoring at Bergå impressed us."),
    ("en", "We liked hearing how you built the credit scoring model."),
    ("en", "Your story about scoring goals for the company football team made us smile."),
    ("sv", "Ditt arbete med lead scoring imponerade på oss."),
]

# (language, channel, sentence) - explicit promises of future contact or jobs.
PROMISES = [
    ("en", "email", "I promise we'll call you first when a manager role opens."),
    ("sv", "phone", "- Jag lovar att vi ringer dig först när nästa tjänst dyker upp."),
    ("sv", "email", "Du får en fast tjänst hos oss senast till hösten."),
    ("en", "email", "You will be the first we call when something opens up."),
    ("sv", "email", "Vi ska se till att du får en intervju nästa gång."),
    ("en", "email", "We'll make sure you get an interview for the next opening."),
    ("sv", "email", "Du kommer att få en intervju när nästa tjänst utlyses."),
    ("en", "phone", "- You'll be the first person we ring about the next role."),
    ("sv", "email", "Jag garanterar att du blir kallad till nästa rekrytering."),
    ("en", "email", "I can promise you a call as soon as a new job comes up."),
    ("en", "phone", "- Next time it'll be your turn, I promise."),
]
# (language, channel, sentence) - conditional, consent-based or keepable: no false_promise.
PROMISE_INNOCENT = [
    ("en", "email", "If you'd like, we can contact you when a similar role opens."),
    ("sv", "email", "Du får gärna söka igen när nästa tjänst annonseras."),
    ("en", "email", "You are welcome to apply again when a new role is advertised."),
    ("sv", "email", "Om du vill kan vi höra av oss när en liknande tjänst dyker upp."),
    ("en", "email", "You will receive a short confirmation by email that your data has been deleted."),
    ("sv", "email", "Jag lovar att svara på dina frågor om du ringer."),
]

# (language, sentence, context) - clients and pupils described by age: not an age reference.
AGE_INNOCENT = [
    ("en", "The young people in the group exercise responded well to you.", {"role": "youth worker"}),
    ("en", "Your ideas for the youth centre's young visitors were lovely.", {"role": "youth worker"}),
    ("sv", "Ungdomarna i gruppövningen tog emot dig väldigt fint.", {"role": "fritidsledare"}),
    ("sv", "De unga på fritidsgården svarade fint på dina idéer.", {"role": "fritidsledare"}),
    ("sv", "Barnen på förskolan tyckte om din sångstund.", {"role": "förskollärare"}),
    ("en", "Your lesson plan for young learners was clear.", {"role": "teacher"}),
    ("sv", "Din lektion för unga elever var tydlig.", {"role": "lärare"}),
]
# (language, sentence, context) - real age references, also from the recruiter's fields.
AGE = [
    ("en", "We wanted someone young for the team.", {}),
    ("en", "We are a young team, so we chose another profile.", {}),
    ("en", "The younger candidate fitted our energy better.", {}),
    ("sv", "Vi ville ha någon ung och hungrig.", {}),
    ("sv", "Vi söker en yngre förmåga.", {}),
    ("sv", "Vi är ett ungt gäng.", {}),
    ("sv", "Eftersom du är pensionsnära valde vi en annan väg.", {}),
    ("en", "We wanted young people in the team.", {"role": "youth worker"}),
    ("sv", "Vi ville ha unga människor i arbetslaget.", {"role": "fritidsledare"}),
    ("en", "We appreciated your energy for someone your age.", {"highlights": "energy for someone your age"}),
]
