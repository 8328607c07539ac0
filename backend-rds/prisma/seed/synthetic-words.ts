/**
 * Deterministic vocabularies for the synthetic catalog: real English words, so benchmark
 * searches hit realistic term frequencies, and a first × last name grid for authors.
 */

// prettier-ignore
export const TITLE_WORDS = [
  'the', 'of', 'and', 'a', 'in', 'night', 'house', 'river', 'garden', 'winter', 'summer', 'autumn',
  'spring', 'shadow', 'light', 'dark', 'silent', 'secret', 'lost', 'last', 'first', 'long', 'short',
  'golden', 'silver', 'iron', 'glass', 'stone', 'paper', 'fire', 'water', 'wind', 'storm', 'rain',
  'snow', 'sea', 'ocean', 'island', 'mountain', 'valley', 'forest', 'city', 'town', 'village', 'road',
  'bridge', 'tower', 'castle', 'kingdom', 'empire', 'war', 'peace', 'love', 'death', 'life', 'dream',
  'memory', 'history', 'story', 'song', 'letter', 'book', 'library', 'map', 'journey', 'voyage',
  'return', 'daughter', 'son', 'mother', 'father', 'sister', 'brother', 'king', 'queen', 'prince',
  'princess', 'soldier', 'sailor', 'doctor', 'teacher', 'stranger', 'friend', 'enemy', 'witness',
  'detective', 'thief', 'spy', 'ghost', 'angel', 'devil', 'wolf', 'fox', 'bird', 'raven', 'horse',
  'dragon', 'lion', 'bear', 'star', 'moon', 'sun', 'sky', 'earth', 'world', 'machine', 'engine',
  'clock', 'time', 'hour', 'day', 'year', 'century', 'morning', 'evening', 'midnight', 'dawn',
  'red', 'blue', 'green', 'black', 'white', 'grey', 'crimson', 'scarlet', 'broken', 'hidden',
  'burning', 'falling', 'rising', 'wild', 'quiet', 'bright', 'cold', 'warm', 'empty', 'distant',
  'ancient', 'modern', 'final', 'great', 'little', 'small', 'strange', 'curious', 'beautiful',
  'dangerous', 'perfect', 'simple', 'hard', 'soft', 'deep', 'high', 'north', 'south', 'east',
  'west', 'harbour', 'lighthouse', 'station', 'hotel', 'school', 'church', 'market', 'street',
  'window', 'door', 'key', 'mirror', 'portrait', 'painter', 'poet', 'music', 'dance', 'silence',
  'whisper', 'promise', 'lie', 'truth', 'question', 'answer', 'reason', 'science', 'mind', 'heart',
  'body', 'blood', 'bone', 'salt', 'bread', 'wine', 'honey', 'apple', 'orchard', 'field', 'meadow',
  'desert', 'jungle', 'frontier', 'border', 'exile', 'refuge', 'home', 'room', 'attic', 'cellar',
  'tide', 'wave', 'shore', 'coast', 'cliff', 'cave', 'well', 'fountain', 'lake', 'pond', 'marsh',
  'wood', 'tree', 'oak', 'rose', 'lily', 'thorn', 'seed', 'harvest', 'feast', 'fever', 'plague',
  'cure', 'medicine', 'gold', 'money', 'fortune', 'debt', 'crown', 'sword', 'shield', 'arrow',
  'battle', 'victory', 'defeat', 'rebellion', 'revolution', 'republic', 'nation', 'people',
  'children', 'family', 'wedding', 'funeral', 'birthday', 'holiday', 'game', 'puzzle', 'riddle',
  'code', 'signal', 'voice', 'echo', 'flight', 'wings', 'feather', 'compass', 'anchor', 'ship',
  'train', 'car', 'lantern', 'robot', 'planet', 'galaxy', 'universe', 'atom', 'number', 'circle',
  'line', 'edge', 'end', 'beginning', 'middle', 'other', 'every', 'nothing', 'everything', 'always',
  'never', 'tomorrow', 'yesterday', 'today', 'before', 'after', 'beyond', 'under', 'over', 'between',
  'against', 'without', 'within', 'across', 'through', 'toward', 'among', 'behind', 'inside',
];

// prettier-ignore
export const DESCRIPTION_WORDS = [...new Set([
  ...TITLE_WORDS,
  'is', 'was', 'are', 'were', 'has', 'had', 'will', 'would', 'can', 'could', 'must', 'with', 'for',
  'from', 'into', 'about', 'when', 'while', 'where', 'who', 'what', 'which', 'that', 'this', 'these',
  'those', 'her', 'his', 'their', 'our', 'young', 'old', 'new', 'novel', 'tale', 'account', 'portrait',
  'finds', 'discovers', 'learns', 'follows', 'leaves', 'returns', 'searches', 'remembers', 'forgets',
  'loves', 'fears', 'hopes', 'fights', 'builds', 'writes', 'reads', 'travels', 'escapes', 'hides',
  'reveals', 'explores', 'examines', 'explains', 'celebrated', 'acclaimed', 'moving', 'funny', 'dark',
  'gripping', 'tender', 'brilliant', 'haunting', 'vivid', 'sharp', 'generous', 'unforgettable',
  'readers', 'generation', 'author', 'classic', 'debut', 'sequel', 'series', 'chapter', 'world',
])];

// prettier-ignore
export const FIRST_NAMES = [
  'Ada', 'Alan', 'Alice', 'Amara', 'Anna', 'Arthur', 'Beatrice', 'Ben', 'Carla', 'Charles', 'Chloe',
  'Clara', 'Daniel', 'David', 'Diana', 'Edith', 'Edward', 'Elena', 'Eliza', 'Emil', 'Emma', 'Felix',
  'Frances', 'Frank', 'George', 'Grace', 'Hannah', 'Harriet', 'Henry', 'Hugo', 'Ines', 'Isaac',
  'Ivan', 'James', 'Jane', 'Joan', 'John', 'Jonas', 'Julia', 'Kate', 'Kenji', 'Laura', 'Leo',
  'Lena', 'Lucy', 'Luis', 'Maria', 'Mark', 'Martha', 'Mary', 'Maya', 'Miguel', 'Mina', 'Nadia',
  'Nathan', 'Nina', 'Noah', 'Olga', 'Omar', 'Oscar', 'Paul', 'Pedro', 'Peter', 'Priya', 'Rachel',
  'Ravi', 'Rosa', 'Ruth', 'Samuel', 'Sara', 'Simon', 'Sofia', 'Thomas', 'Tom', 'Vera', 'Victor',
  'Walter', 'William', 'Yara', 'Zoe',
];

// prettier-ignore
export const LAST_NAMES = [
  'Abbott', 'Adler', 'Alvarez', 'Baker', 'Barnes', 'Bell', 'Berg', 'Blake', 'Brooks', 'Carter',
  'Chen', 'Clarke', 'Cole', 'Cooper', 'Costa', 'Dalton', 'Dawson', 'Duval', 'Ellis', 'Evans',
  'Fischer', 'Fleming', 'Ford', 'Foster', 'Garcia', 'Gray', 'Hale', 'Hayes', 'Holm', 'Hughes',
  'Ibsen', 'Jensen', 'Kato', 'Keller', 'Klein', 'Lambert', 'Larsen', 'Lowe', 'Marsh', 'Mason',
  'Meyer', 'Moreau', 'Nakamura', 'Novak', 'Okafor', 'Olsen', 'Park', 'Patel', 'Quinn', 'Reyes',
  'Rossi', 'Sato', 'Shaw', 'Silva', 'Stone', 'Tanaka', 'Turner', 'Vogel', 'Wade', 'Webb', 'Young',
];
