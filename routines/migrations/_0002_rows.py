"""The stage table and the stretch library as migration 0002 shipped them.

Literals, written once and never regenerated: a fresh database replays the
same history whatever the live code says later. A content change is a new
data migration (as 0003 is), not an edit here. Each stretch row carries, beside
its model fields, its slug's ``variation_of``, its ``steps`` and its
``mistakes`` as (mistake, fix) pairs.
"""

STAGE_RULES = (
    {
        "number": 1,
        "name": "Beginner",
        "hold_min": 15,
        "hold_max": 20,
        "reps_min": 2,
        "reps_max": 3,
        "sessions_min": 2,
        "sessions_max": 2,
        "per_week": False,
        "flare_sessions": 3,
        "double_knee": False,
        "double_knee_max_hold": 30,
        "rocking": False,
        "min_days": 0,
        "min_sessions": 0,
        "settled_pain_max": None,
        "settled_days": 14,
        "walk_minutes": 10,
        "source": (
            "Weeks 1-2: 15-20 s single-leg holds, 2-3 reps per leg, twice daily, 3 times "
            "daily in acute pain (article A); 15 s holds for beginners (article D)."
        ),
    },
    {
        "number": 2,
        "name": "Intermediate",
        "hold_min": 30,
        "hold_max": 45,
        "reps_min": 2,
        "reps_max": 3,
        "sessions_min": 2,
        "sessions_max": 2,
        "per_week": False,
        "flare_sessions": 3,
        "double_knee": True,
        "double_knee_max_hold": 30,
        "rocking": False,
        "min_days": 14,
        "min_sessions": 8,
        "settled_pain_max": None,
        "settled_days": 14,
        "walk_minutes": 15,
        "source": (
            "Weeks 3-4: 30-45 s holds (article A); double knee only after 2 weeks of "
            "pain-free single-leg work, 30 s maximum (article A; article C allows 15-30 "
            "s)."
        ),
    },
    {
        "number": 3,
        "name": "Advanced",
        "hold_min": 45,
        "hold_max": 60,
        "reps_min": 2,
        "reps_max": 3,
        "sessions_min": 1,
        "sessions_max": 2,
        "per_week": False,
        "flare_sessions": 3,
        "double_knee": True,
        "double_knee_max_hold": 30,
        "rocking": True,
        "min_days": 14,
        "min_sessions": 8,
        "settled_pain_max": None,
        "settled_days": 14,
        "walk_minutes": 20,
        "source": (
            "Week 5 on: 45-60 s holds (article A), gentle rocking and a combined "
            "sequence (article D); maintenance 1-2 times daily (article A)."
        ),
    },
    {
        "number": 4,
        "name": "Maintenance",
        "hold_min": 45,
        "hold_max": 60,
        "reps_min": 2,
        "reps_max": 3,
        "sessions_min": 3,
        "sessions_max": 4,
        "per_week": True,
        "flare_sessions": 3,
        "double_knee": True,
        "double_knee_max_hold": 30,
        "rocking": True,
        "min_days": 14,
        "min_sessions": 8,
        "settled_pain_max": 2,
        "settled_days": 14,
        "walk_minutes": 20,
        "source": (
            "After pain settles: keep stretching 3-4 times a week with daily 20-minute "
            "walks and core work such as bird-dog or dead bug (article A)."
        ),
    },
)

STRETCHES = (
    {
        "slug": "single-knee-to-chest",
        "name": "Single knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "The starting stretch: one knee drawn gently toward your chest while you lie "
            "on your back. You feel it low in the back, in the buttock and around the "
            "hip."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring the knee in, then keep "
            "breathing gently while you hold, about 5 seconds in and 5 seconds out."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("flexion-sparing", "floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": True,
        "priority": 10,
        "picture": "routines/svg/single-knee-to-chest.svg",
        "picture_alt": (
            "A person lying on their back on a mat, hands behind one thigh, drawing that "
            "knee toward the chest. The other foot rests on the mat."
        ),
        "source": (
            "Articles A, C and D agree on the single-leg start. Holds: 15-20 s (A) and "
            "15 s (D) versus up to 30 s (C); the shorter hold is used to start."
        ),
        "variation_of": None,
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Slowly bring one knee up and in.",
            "Hold the back of that thigh with both hands, not the kneecap.",
            "Ease the knee in until you feel a mild stretch low in your back.",
            "Keep your other foot resting on the mat.",
            "At the end of the hold, lower the foot slowly and switch legs.",
        ),
        "mistakes": (
            (
                "Pulling on the kneecap",
                "Hold behind the thigh or on the shin so the knee joint is not squeezed.",
            ),
            (
                "Lower back lifting off the mat",
                "Tighten your tummy a little so your back stays resting on the mat.",
            ),
            (
                "Lifting your head toward your knee",
                (
                    "Let your head rest heavy on the mat. A thin cushion helps if your neck is "
                    "tight."
                ),
            ),
            (
                "Bouncing or tugging to go further",
                (
                    "Move slowly and stop at the first mild stretch. Pain means you have gone "
                    "too far."
                ),
            ),
        ),
    },
    {
        "slug": "tailbone-down-knee-to-chest",
        "name": "Tailbone-down knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "hips",
        "summary": (
            "A gentler version for backs that dislike bending: the tailbone stays on the "
            "mat, so the stretch goes into the hip instead of rounding the spine."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring the knee in, then keep "
            "breathing gently while you hold, about 5 seconds in and 5 seconds out."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("floor", "pregnancy"),
        "preferred_by": ("flexion-sparing",),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 20,
        "picture": "routines/svg/tailbone-down-knee-to-chest.svg",
        "picture_alt": (
            "A person lying on their back, one knee drawn in part way, with the tailbone "
            "and lower back flat on the mat."
        ),
        "source": (
            "Article B: keeping the tailbone pinned turns it into a hip stretch that is "
            "safer for discs; deep repeated flexion can aggravate a disc bulge (McGill)."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Let your tailbone feel heavy on the mat.",
            "Lift one knee and hold the back of that thigh.",
            "Draw the knee in only as far as your tailbone stays down.",
            "Feel the stretch in the buttock and hip more than in the back.",
            "At the end of the hold, lower the foot slowly and switch legs.",
        ),
        "mistakes": (
            (
                "Tailbone peeling off the mat",
                "Let the knee come out a little until your tailbone rests down again.",
            ),
            (
                "Chasing a big back stretch",
                "This one works the hip. A mild pull in the buttock is just right.",
            ),
            (
                "Lifting your head toward your knee",
                (
                    "Let your head rest heavy on the mat. A thin cushion helps if your neck is "
                    "tight."
                ),
            ),
        ),
    },
    {
        "slug": "strap-assisted-knee-to-chest",
        "name": "Strap-assisted knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "A strap, belt or towel does the reaching for you. Good when your knee "
            "complains or your hands cannot reach your leg."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring the knee in, then keep "
            "breathing gently while you hold, about 5 seconds in and 5 seconds out."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("flexion-sparing", "floor", "pregnancy"),
        "preferred_by": ("knee",),
        "double_knee": False,
        "rocking": False,
        "flexion": True,
        "priority": 30,
        "picture": "routines/svg/strap-assisted-knee-to-chest.svg",
        "picture_alt": (
            "A person lying on their back with a strap looped behind one thigh, holding "
            "both ends to draw the leg in."
        ),
        "source": (
            "Article A (strap around the thigh), article C (strap or towel for knee "
            "discomfort), article D (strap around the foot; the thigh is kinder to the "
            "knee)."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Loop a strap, belt or towel behind one thigh, just above the knee.",
            "Hold one end of the strap in each hand.",
            "Walk your hands down the strap to draw the thigh toward you.",
            "Let the knee stay only partly bent if that is kinder to it.",
            "At the end of the hold, lower the foot slowly and switch legs.",
        ),
        "mistakes": (
            (
                "Looping the strap around the foot and yanking",
                "Put the strap behind the thigh and draw in with slow, small pulls.",
            ),
            (
                "Shoulders creeping up to the ears",
                "Keep your elbows soft and let your shoulders rest on the mat.",
            ),
            (
                "Bouncing or tugging to go further",
                (
                    "Move slowly and stop at the first mild stretch. Pain means you have gone "
                    "too far."
                ),
            ),
        ),
    },
    {
        "slug": "wall-assisted-knee-to-chest",
        "name": "Wall-assisted knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "Your resting foot sits on a wall, which keeps the pelvis steady and takes "
            "the effort out of holding the other leg still."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring the knee in, then keep "
            "breathing gently while you hold, about 5 seconds in and 5 seconds out."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("flexion-sparing", "floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": True,
        "priority": 40,
        "picture": "routines/svg/wall-assisted-knee-to-chest.svg",
        "picture_alt": (
            "A person lying on their back with one foot resting on a wall and the other "
            "knee drawn toward the chest."
        ),
        "source": (
            "Article D (wall-assisted modification for limited mobility); article A "
            "(wall for stability)."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Lie face up with your bottom close to a wall.",
            "Put both feet flat on the wall, knees bent as if sitting in a chair.",
            "Lift one foot off the wall and hold behind that thigh.",
            "Draw the knee gently toward your chest.",
            "Keep the other foot resting on the wall the whole time.",
            "At the end of the hold, put the foot back on the wall and switch legs.",
        ),
        "mistakes": (
            (
                "Lying too close to the wall",
                "Shuffle back until your knees are bent at about a right angle.",
            ),
            (
                "Pushing hard into the wall",
                "Let the resting foot just sit there; the wall only steadies you.",
            ),
            (
                "Bouncing or tugging to go further",
                (
                    "Move slowly and stop at the first mild stretch. Pain means you have gone "
                    "too far."
                ),
            ),
        ),
    },
    {
        "slug": "seated-knee-to-chest",
        "name": "Seated knee-to-chest",
        "kind": "family",
        "position": "seated",
        "targets": "lower-back",
        "summary": (
            "The same idea on a chair, for days when getting down to the floor is not an option."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring the knee in, then keep "
            "breathing gently while you hold, about 5 seconds in and 5 seconds out."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("flexion-sparing",),
        "preferred_by": ("floor", "pregnancy"),
        "double_knee": False,
        "rocking": False,
        "flexion": True,
        "priority": 50,
        "picture": "routines/svg/seated-knee-to-chest.svg",
        "picture_alt": (
            "A person sitting tall on a chair, hugging one knee up toward the chest with "
            "the other foot on the floor."
        ),
        "source": "Articles C and D (seated variation for those who cannot lie down).",
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Sit near the front of a steady chair without wheels, feet flat.",
            "Sit up tall.",
            "Lift one knee and hold behind the thigh or on the shin.",
            "Draw the knee gently up toward your chest while your chest stays lifted.",
            "If you are pregnant, let the knee drift out to the side to make room.",
            "At the end of the hold, lower the foot slowly and switch legs.",
        ),
        "mistakes": (
            (
                "Slumping down into the chair",
                "Sit tall first, then lift the knee. Your chest stays up.",
            ),
            (
                "Using a chair with wheels",
                "Pick a steady chair that cannot roll away, or put it against a wall.",
            ),
            (
                "Bouncing or tugging to go further",
                (
                    "Move slowly and stop at the first mild stretch. Pain means you have gone "
                    "too far."
                ),
            ),
        ),
    },
    {
        "slug": "standing-desk-knee-hug",
        "name": "Standing desk knee hug",
        "kind": "family",
        "position": "standing",
        "targets": "hips",
        "summary": (
            "A quick standing version you can do at a desk or kitchen counter, handy as "
            "a break from long sitting."
        ),
        "breathing_cue": (
            "Breathe in as you stand tall, breathe out as the knee comes up, then keep "
            "breathing slowly while you hold."
        ),
        "per_side": True,
        "default_hold_seconds": 15,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": (),
        "preferred_by": ("floor",),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 60,
        "picture": "routines/svg/standing-desk-knee-hug.svg",
        "picture_alt": (
            "A person standing tall beside a desk, one hand on the desk, the other hand "
            "drawing one knee up toward the chest."
        ),
        "source": (
            "Article A (work break: hug one knee for about 30 s every 2 hours, opposite "
            "foot flat). The desk hand is added for balance."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Stand side-on to a desk or counter and rest one hand on it.",
            "Stand tall with your standing knee slightly soft.",
            "Lift the outside knee and hold behind that thigh with your free hand.",
            "Draw the knee gently up toward your chest, keeping your back tall.",
            "At the end of the hold, lower the foot, turn around and switch legs.",
        ),
        "mistakes": (
            (
                "Letting go of the desk",
                "Keep one hand on it the whole time so balance is never a worry.",
            ),
            (
                "Leaning back or rounding forward",
                "Stand tall as if a string lifts the top of your head.",
            ),
            ("Locking the standing knee", "Keep that knee a little soft."),
        ),
    },
    {
        "slug": "figure-four-stretch",
        "name": "Figure-four stretch (piriformis)",
        "kind": "family",
        "position": "lying",
        "targets": "hips",
        "summary": (
            "One ankle rests on the other knee and you draw the legs in together. It "
            "reaches the deep buttock muscle that can press on the sciatic nerve."
        ),
        "breathing_cue": (
            "Breathe out as you draw the legs in. Keep breathing deeply and slowly while you hold."
        ),
        "per_side": True,
        "default_hold_seconds": 20,
        "default_reps": 2,
        "min_stage": 2,
        "excluded_by": ("floor", "knee", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 70,
        "picture": "routines/svg/figure-four-stretch.svg",
        "picture_alt": (
            "A person lying on their back with one ankle crossed over the other knee, "
            "drawing the legs toward the chest."
        ),
        "source": (
            "Article A (figure-four: 20-30 s, 3 times on the painful side), article C "
            "(piriformis stretch as a companion). Offered from stage 2 with the stage's "
            "hold."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Rest your right ankle on your left thigh, close to the knee.",
            "Let the right knee fall open to the side.",
            "Hold behind your left thigh and draw it gently toward you.",
            "Feel the stretch deep in the right buttock.",
            "At the end of the hold, uncross slowly and switch sides.",
        ),
        "mistakes": (
            (
                "Pushing down on the crossed knee",
                "Let that knee open on its own. Gravity does enough.",
            ),
            (
                "One hip lifting off the mat",
                "Keep both sides of your bottom resting evenly on the mat.",
            ),
            (
                "Lifting your head toward your knee",
                (
                    "Let your head rest heavy on the mat. A thin cushion helps if your neck is "
                    "tight."
                ),
            ),
        ),
    },
    {
        "slug": "double-knee-to-chest",
        "name": "Double knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "Both knees come in together for a fuller stretch across the whole lower "
            "back. Offered only after single-leg work has gone well, and never over 30 "
            "seconds."
        ),
        "breathing_cue": (
            "Breathe in first. Breathe out slowly as you bring both knees in, then keep "
            "breathing gently while you hold. Never hold your breath."
        ),
        "per_side": False,
        "default_hold_seconds": 30,
        "default_reps": 2,
        "min_stage": 2,
        "excluded_by": ("flexion-sparing", "floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": True,
        "rocking": False,
        "flexion": True,
        "priority": 80,
        "picture": "routines/svg/double-knee-to-chest.svg",
        "picture_alt": (
            "A person lying face up with both arms around both knees, drawn in close, "
            "and the head resting on the mat."
        ),
        "source": (
            "Article A (after 2 weeks of pain-free single-leg work, 30 s maximum) over "
            "article C (15-30 s); article B (lower the feet one at a time; flexion and "
            "discs)."
        ),
        "variation_of": "single-knee-to-chest",
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Lift one knee, then the other.",
            "Hold behind both thighs, or on the shins if your knees are happy.",
            "Ease both knees in until your lower back feels a gentle stretch.",
            "Your tailbone and your head stay down on the mat.",
            "Hold for no more than 30 seconds.",
            "Lower one foot at a time, never both together.",
        ),
        "mistakes": (
            (
                "Dropping both legs down at once",
                "Put one foot down, then the other. It spares your back.",
            ),
            (
                "Holding for longer and longer",
                "Stop at 30 seconds. Longer holds can overstretch.",
            ),
            (
                "Hips curling up off the mat",
                "Let the knees come out a little so your tailbone rests down.",
            ),
        ),
    },
    {
        "slug": "rocking-double-knee-to-chest",
        "name": "Rocking double knee-to-chest",
        "kind": "family",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "The double knee hold with a small, slow side-to-side rock that feels like a "
            "massage for the lower back."
        ),
        "breathing_cue": (
            "Breathe slowly and let each breath set the pace: one way as you breathe in, "
            "back as you breathe out."
        ),
        "per_side": False,
        "default_hold_seconds": 20,
        "default_reps": 2,
        "min_stage": 3,
        "excluded_by": ("flexion-sparing", "floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": True,
        "rocking": True,
        "flexion": True,
        "priority": 90,
        "picture": "routines/svg/rocking-double-knee-to-chest.svg",
        "picture_alt": (
            "A person lying on their back hugging both knees, with small curved arrows "
            "showing a gentle side-to-side rock."
        ),
        "source": (
            "Article C (rock side to side for 20-30 s), article D (rocking at the "
            "advanced stage); capped at the 30 s double-knee maximum from article A."
        ),
        "variation_of": "double-knee-to-chest",
        "steps": (
            "Get into the double knee-to-chest hold.",
            "Rock slowly a few centimetres to one side, then the other.",
            "Keep the movement small and smooth, like a boat on calm water.",
            "Keep your head and shoulders resting on the mat.",
            "Stop after 30 seconds at most and lower one foot at a time.",
        ),
        "mistakes": (
            (
                "Rocking fast or far",
                "Keep it small and slow. A few centimetres each way is plenty.",
            ),
            (
                "Rolling up onto the neck",
                "Rock side to side, not head to tail, and keep your head down.",
            ),
            ("Going on too long", "Stop at 30 seconds."),
        ),
    },
    {
        "slug": "cat-cow",
        "name": "Cat–cow",
        "kind": "companion",
        "position": "kneeling",
        "targets": "lower-back",
        "summary": (
            "A slow rounding and hollowing of the back on hands and knees. It moves the "
            "whole spine gently through its easy middle range."
        ),
        "breathing_cue": "Breathe in as your belly sinks. Breathe out as your back rounds.",
        "per_side": False,
        "default_hold_seconds": 30,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("floor", "knee"),
        "preferred_by": ("pregnancy",),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 10,
        "picture": "routines/svg/cat-cow.svg",
        "picture_alt": "A person on hands and knees with the back gently rounded upward.",
        "source": (
            "Articles C and D (cat-cow as a companion for spinal mobility); kept to "
            "mid-range, as in McGill's cat-camel, so it suits backs that dislike bending."
        ),
        "variation_of": None,
        "steps": (
            "Start on hands and knees: hands under shoulders, knees under hips.",
            "Let your belly sink a little and look gently ahead.",
            "Then round your back a little and let your head drop.",
            "Move slowly between the two, only through the easy middle of the range.",
            "Do about 5 slow rounds.",
        ),
        "mistakes": (
            (
                "Pushing to the very end of each position",
                "Stay in the comfortable middle. This is a gentle movement, not a stretch.",
            ),
            ("Moving quickly", "Let each breath set the pace: about 5 seconds each way."),
            ("Sore knees on a hard floor", "Put a folded towel under your knees."),
        ),
    },
    {
        "slug": "seated-cat-cow",
        "name": "Seated cat–cow",
        "kind": "companion",
        "position": "seated",
        "targets": "lower-back",
        "summary": (
            "Cat–cow on a chair: a slow rounding and lifting of the back without getting "
            "down to the floor."
        ),
        "breathing_cue": "Breathe in as your chest lifts. Breathe out as your back rounds.",
        "per_side": False,
        "default_hold_seconds": 30,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": (),
        "preferred_by": ("floor",),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 30,
        "picture": "routines/svg/seated-cat-cow.svg",
        "picture_alt": (
            "A person sitting on a chair with hands on the thighs and the back gently rounded."
        ),
        "source": (
            "Seated adaptation of cat-cow (articles C, D) for people who cannot get to the floor."
        ),
        "variation_of": "cat-cow",
        "steps": (
            "Sit near the front of a steady chair, feet flat, hands on your thighs.",
            "Lift your chest and let your lower back curve in a little.",
            "Then round your back gently and let your head drop a little.",
            "Move slowly between the two, only through the easy middle of the range.",
            "Do about 5 slow rounds.",
        ),
        "mistakes": (
            (
                "Moving only the neck",
                "Start the movement low down, by rolling your pelvis.",
            ),
            ("Pushing to the end of the range", "Stay where it feels easy."),
            ("Moving quickly", "Let each breath set the pace."),
        ),
    },
    {
        "slug": "supine-spinal-twist",
        "name": "Lying spinal twist",
        "kind": "companion",
        "position": "lying",
        "targets": "lower-back",
        "summary": (
            "Both knees tip slowly to one side while your shoulders stay down. It adds "
            "gentle turning to the routine."
        ),
        "breathing_cue": (
            "Breathe out as the knees tip over. Keep breathing slowly while you rest there."
        ),
        "per_side": True,
        "default_hold_seconds": 20,
        "default_reps": 2,
        "min_stage": 1,
        "excluded_by": ("floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 20,
        "picture": "routines/svg/supine-spinal-twist.svg",
        "picture_alt": (
            "A person lying on their back, arms out to the sides, both bent knees tipped "
            "over to one side."
        ),
        "source": (
            "Article C (spinal twist as a companion for rotation); article B (light "
            "rotation alongside single-leg holds)."
        ),
        "variation_of": None,
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Spread your arms out to the sides.",
            "Let both knees tip slowly to one side.",
            "Go only as far as both shoulders stay on the mat.",
            "At the end of the hold, bring the knees back up and tip them the other way.",
        ),
        "mistakes": (
            ("A shoulder lifting off the mat", "Let the knees tip less far."),
            (
                "Letting the knees drop quickly",
                "Lower them slowly and bring them back up with your tummy muscles.",
            ),
            (
                "Holding your breath",
                (
                    "Breathe slowly the whole time. If you cannot take a full belly breath, ease "
                    "off a little."
                ),
            ),
        ),
    },
    {
        "slug": "childs-pose",
        "name": "Child's pose",
        "kind": "companion",
        "position": "kneeling",
        "targets": "lower-back",
        "summary": (
            "A resting stretch: sitting back toward your heels with arms forward, "
            "letting the lower back widen."
        ),
        "breathing_cue": (
            "Breathe slowly into your back and belly. Feel your back widen as you breathe in."
        ),
        "per_side": False,
        "default_hold_seconds": 30,
        "default_reps": 2,
        "min_stage": 2,
        "excluded_by": ("flexion-sparing", "floor", "knee", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": True,
        "priority": 10,
        "picture": "routines/svg/childs-pose.svg",
        "picture_alt": (
            "A person kneeling and folded forward, hips back toward the heels, arms "
            "stretched forward on the mat."
        ),
        "source": (
            "Article C (child's pose to release the lower back further). It bends the "
            "spine and knees fully, so it is left out for those cautions."
        ),
        "variation_of": None,
        "steps": (
            "Kneel on the mat with your knees hip-width apart.",
            "Sit your hips back toward your heels.",
            "Walk your hands forward and rest your forehead on the mat or a cushion.",
            "Let your back widen and soften.",
            "To come up, walk your hands back and lift slowly.",
        ),
        "mistakes": (
            (
                "Forcing your hips down to your heels",
                "Put a cushion between your heels and your bottom.",
            ),
            ("Coming up fast", "Walk your hands back first, then lift your head last."),
            (
                "Holding your breath",
                (
                    "Breathe slowly the whole time. If you cannot take a full belly breath, ease "
                    "off a little."
                ),
            ),
        ),
    },
    {
        "slug": "pelvic-tilt",
        "name": "Pelvic tilt",
        "kind": "core",
        "position": "lying",
        "targets": "core",
        "summary": (
            "A small, gentle tummy squeeze that tips the pelvis. It wakes up the deep "
            "muscles that support your back."
        ),
        "breathing_cue": (
            "Breathe out as you tighten and tip. Keep breathing while you hold: count "
            "the seconds out loud."
        ),
        "per_side": False,
        "default_hold_seconds": 5,
        "default_reps": 10,
        "min_stage": 1,
        "excluded_by": ("floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 10,
        "picture": "routines/svg/pelvic-tilt.svg",
        "picture_alt": (
            "A person lying on their back with knees bent, lower back pressed gently "
            "flat against the mat."
        ),
        "source": (
            "Article C (pelvic tilts to strengthen the core); Owen et al. 2020 (motor "
            "control work beats stretching alone)."
        ),
        "variation_of": None,
        "steps": (
            "Lie face up on a mat, knees bent and both feet flat on the floor.",
            "Gently tighten your tummy muscles.",
            "Tip your pelvis so your lower back presses lightly into the mat.",
            "Hold for 5 seconds while you keep breathing.",
            "Relax back to the start. That is one.",
        ),
        "mistakes": (
            (
                "Lifting your bottom off the mat",
                "Your bottom stays down. The movement is small and comes from your tummy.",
            ),
            (
                "Pushing with your legs",
                "Keep your legs relaxed and let your tummy do the work.",
            ),
            (
                "Holding your breath",
                (
                    "Breathe slowly the whole time. If you cannot take a full belly breath, ease "
                    "off a little."
                ),
            ),
        ),
    },
    {
        "slug": "wall-pelvic-tilt",
        "name": "Standing pelvic tilt at a wall",
        "kind": "core",
        "position": "standing",
        "targets": "core",
        "summary": (
            "The pelvic tilt done standing with your back to a wall, so nobody needs to "
            "get down to the floor."
        ),
        "breathing_cue": "Breathe out as you flatten your back. Keep breathing while you hold.",
        "per_side": False,
        "default_hold_seconds": 5,
        "default_reps": 10,
        "min_stage": 1,
        "excluded_by": (),
        "preferred_by": ("floor",),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 20,
        "picture": "routines/svg/wall-pelvic-tilt.svg",
        "picture_alt": (
            "A person standing with their back against a wall, knees slightly bent, "
            "lower back flattened toward the wall."
        ),
        "source": (
            "Standing adaptation of the pelvic tilt (article C) for people who cannot "
            "lie on the floor or on their back."
        ),
        "variation_of": "pelvic-tilt",
        "steps": (
            "Stand with your back against a wall, feet a small step forward.",
            "Bend your knees a little.",
            "Gently tighten your tummy and flatten your lower back toward the wall.",
            "Hold for 5 seconds while you keep breathing.",
            "Relax back to the start. That is one.",
        ),
        "mistakes": (
            (
                "Feet right against the wall",
                "Step your feet forward a little so your knees can bend.",
            ),
            (
                "Pushing your head back into the wall",
                "Keep your head and shoulders relaxed. Only the pelvis moves.",
            ),
            (
                "Holding your breath",
                (
                    "Breathe slowly the whole time. If you cannot take a full belly breath, ease "
                    "off a little."
                ),
            ),
        ),
    },
    {
        "slug": "dead-bug",
        "name": "Dead bug",
        "kind": "core",
        "position": "lying",
        "targets": "core",
        "summary": (
            "Lying on your back, you slowly reach one arm and the opposite leg away "
            "while your lower back stays still. It trains the core to steady the spine."
        ),
        "breathing_cue": "Breathe out as you reach away. Breathe in as you come back.",
        "per_side": True,
        "default_hold_seconds": 5,
        "default_reps": 6,
        "min_stage": 2,
        "excluded_by": ("floor", "pregnancy"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 10,
        "picture": "routines/svg/dead-bug.svg",
        "picture_alt": (
            "A person lying on their back with one arm reaching back overhead and the "
            "opposite leg reaching out low."
        ),
        "source": (
            "Articles A and B (dead bug as the stability move after stretching); Owen et al. 2020."
        ),
        "variation_of": None,
        "steps": (
            "Lie on your back. Lift your knees above your hips, shins level.",
            "Reach both arms straight up toward the ceiling.",
            "Gently tighten your tummy so your lower back stays touching the mat.",
            "Slowly reach one arm back and the opposite leg out.",
            "Go only as far as your back stays down, then come back.",
            "Switch to the other arm and leg.",
        ),
        "mistakes": (
            (
                "Lower back arching off the mat",
                "Reach a shorter distance, or keep the moving knee bent.",
            ),
            ("Rushing", "Move slowly enough that you could stop at any point."),
            (
                "Holding your breath",
                (
                    "Breathe slowly the whole time. If you cannot take a full belly breath, ease "
                    "off a little."
                ),
            ),
        ),
    },
    {
        "slug": "bird-dog",
        "name": "Bird-dog",
        "kind": "core",
        "position": "kneeling",
        "targets": "core",
        "summary": (
            "On hands and knees, you reach one arm forward and the opposite leg back "
            "while keeping your back level. It builds steady control around the spine."
        ),
        "breathing_cue": (
            "Breathe out as you reach. Keep breathing while you hold, then breathe in as "
            "you come back."
        ),
        "per_side": True,
        "default_hold_seconds": 8,
        "default_reps": 6,
        "min_stage": 3,
        "excluded_by": ("floor", "knee"),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 10,
        "picture": "routines/svg/bird-dog.svg",
        "picture_alt": (
            "A person on hands and knees with one arm reaching forward and the opposite "
            "leg reaching back, level with the back."
        ),
        "source": (
            "Article A (bird-dog as regular core work); article D (pair stretching with "
            "core strength); Owen et al. 2020."
        ),
        "variation_of": None,
        "steps": (
            "Start on hands and knees: hands under shoulders, knees under hips.",
            "Gently tighten your tummy so your back stays flat like a table.",
            "Slide one leg back and lift it to hip height.",
            "At the same time reach the opposite arm forward.",
            "Hold briefly, then come back and switch sides.",
        ),
        "mistakes": (
            (
                "Lifting the leg too high",
                "Stop at hip height so your lower back does not sag.",
            ),
            (
                "Hips twisting",
                "Imagine a cup of tea on your back and keep it from spilling.",
            ),
            ("Sore knees on a hard floor", "Put a folded towel under your knees."),
        ),
    },
    {
        "slug": "short-walk",
        "name": "Short walk",
        "kind": "walk",
        "position": "standing",
        "targets": "whole-body",
        "summary": (
            "An easy walk at a pace where you can still talk. Walking keeps the back "
            "moving and builds the muscles that support it."
        ),
        "breathing_cue": "Breathe easily. You should be able to talk in full sentences.",
        "per_side": False,
        "default_hold_seconds": 600,
        "default_reps": 1,
        "min_stage": 1,
        "excluded_by": (),
        "preferred_by": (),
        "double_knee": False,
        "rocking": False,
        "flexion": False,
        "priority": 10,
        "picture": "routines/svg/short-walk.svg",
        "picture_alt": "A person walking upright with arms swinging.",
        "source": (
            "Article A (daily 20-minute walks), article D (pair stretching with light "
            "walking); Owen et al. 2020."
        ),
        "variation_of": None,
        "steps": (
            "Put on comfortable shoes.",
            "Walk at an easy pace on flat ground, indoors or out.",
            "Stand tall and let your arms swing.",
            "Keep going for the time in your plan. Shorter is fine on a bad day.",
            "If walking brings on pain down a leg, stop and rest.",
        ),
        "mistakes": (
            (
                "Rushing to get it over with",
                "Walk at a pace you could keep up while chatting.",
            ),
            (
                "Skipping it on a bad day",
                "A 5-minute stroll still counts. Gentle movement usually helps.",
            ),
        ),
    },
)
